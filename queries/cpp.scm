; C++: includes, definitions, complexity, environment.

(preproc_include path: (string_literal) @import)
(preproc_include path: (system_lib_string) @import.system)

(function_definition
  declarator: (function_declarator declarator: [
    (identifier) @name
    (field_identifier) @name
    (qualified_identifier name: (identifier) @name)
    (destructor_name) @name
    (operator_name) @name
  ])) @definition.function
(function_definition
  declarator: [
    (pointer_declarator declarator: (function_declarator declarator: (identifier) @name))
    (reference_declarator (function_declarator declarator: (identifier) @name))
  ]) @definition.function

(declaration
  declarator: (function_declarator declarator: (identifier) @name)) @declaration.function

(class_specifier name: (type_identifier) @name body: (field_declaration_list)) @definition.type
(struct_specifier name: (type_identifier) @name body: (field_declaration_list)) @definition.type
(union_specifier name: (type_identifier) @name body: (field_declaration_list)) @definition.type
(enum_specifier name: (type_identifier) @name body: (enumerator_list)) @definition.type
(type_definition declarator: (type_identifier) @name) @definition.type
(alias_declaration name: (type_identifier) @name) @definition.type

[
  (if_statement)
  (for_statement)
  (for_range_loop)
  (while_statement)
  (do_statement)
  (case_statement value: (_))
  (catch_clause)
  (conditional_expression)
] @decision
(binary_expression operator: ["&&" "||" "and" "or"]) @decision

(call_expression
  function: [(identifier) @_fn (qualified_identifier name: (identifier) @_fn)]
  arguments: (argument_list . (string_literal) @env)
  (#any-of? @_fn "getenv" "secure_getenv"))
