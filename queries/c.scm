; C: includes, definitions, complexity, environment.

(preproc_include path: (string_literal) @import)
(preproc_include path: (system_lib_string) @import.system)

(function_definition
  declarator: [
    (function_declarator declarator: (identifier) @name)
    (pointer_declarator declarator: (function_declarator declarator: (identifier) @name))
    (pointer_declarator declarator: (pointer_declarator
      declarator: (function_declarator declarator: (identifier) @name)))
  ]) @definition.function

(declaration
  declarator: [
    (function_declarator declarator: (identifier) @name)
    (pointer_declarator declarator: (function_declarator declarator: (identifier) @name))
  ]) @declaration.function

(struct_specifier name: (type_identifier) @name body: (field_declaration_list)) @definition.type
(union_specifier name: (type_identifier) @name body: (field_declaration_list)) @definition.type
(enum_specifier name: (type_identifier) @name body: (enumerator_list)) @definition.type
(type_definition declarator: (type_identifier) @name) @definition.type

[
  (if_statement)
  (for_statement)
  (while_statement)
  (do_statement)
  (case_statement value: (_))
  (conditional_expression)
] @decision
(binary_expression operator: ["&&" "||"]) @decision

(call_expression
  function: (identifier) @_fn
  arguments: (argument_list . (string_literal) @env)
  (#any-of? @_fn "getenv" "secure_getenv"))
