; JavaScript and TypeScript alike (TypeScript's grammar extends JavaScript's): imports,
; functions and methods, complexity, environment. Types: javascript.scm, typescript.scm.

(import_statement source: (string) @import)
(export_statement source: (string) @import)
(call_expression function: (import) arguments: (arguments . (string) @import.dynamic))
(call_expression
  function: (identifier) @_require
  arguments: (arguments . (string) @import.dynamic)
  (#eq? @_require "require"))

(function_declaration name: (identifier) @name) @definition.function
(generator_function_declaration name: (identifier) @name) @definition.function
(variable_declarator
  name: (identifier) @name
  value: [(arrow_function) (function_expression)]) @definition.function
(method_definition name: (property_identifier) @name) @definition.method

[
  (if_statement)
  (for_statement)
  (for_in_statement)
  (while_statement)
  (do_statement)
  (switch_case)
  (catch_clause)
  (ternary_expression)
] @decision
(binary_expression operator: ["&&" "||" "??"]) @decision

(member_expression
  object: (member_expression object: (identifier) @_process property: (property_identifier) @_env)
  property: (property_identifier) @env
  (#eq? @_process "process")
  (#eq? @_env "env"))
(binary_expression
  left: (member_expression
    object: (member_expression object: (identifier) @_process property: (property_identifier) @_env)
    property: (property_identifier) @env)
  operator: ["||" "??"]
  right: [(string) (number)] @env.default
  (#eq? @_process "process")
  (#eq? @_env "env"))
