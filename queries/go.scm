; Go: package, imports, definitions, complexity, environment.

(package_clause (package_identifier) @package)

(import_spec path: (interpreted_string_literal) @import)

(function_declaration name: (identifier) @name) @definition.function
(method_declaration name: (field_identifier) @name) @definition.method
(type_spec name: (type_identifier) @name) @definition.type

[
  (if_statement)
  (for_statement)
  (expression_case)
  (type_case)
  (communication_case)
] @decision
(binary_expression operator: ["&&" "||"]) @decision

(call_expression
  function: (selector_expression operand: (identifier) @_os field: (field_identifier) @_fn)
  arguments: (argument_list . (interpreted_string_literal) @env)
  (#eq? @_os "os")
  (#any-of? @_fn "Getenv" "LookupEnv"))
