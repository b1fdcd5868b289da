; Java: package, imports, definitions, complexity, environment.

(package_declaration [(scoped_identifier) (identifier)] @package)

(import_declaration) @import.java

(method_declaration name: (identifier) @name) @definition.method
(constructor_declaration name: (identifier) @name) @definition.method
(class_declaration name: (identifier) @name) @definition.type
(interface_declaration name: (identifier) @name) @definition.type
(enum_declaration name: (identifier) @name) @definition.type
(record_declaration name: (identifier) @name) @definition.type

[
  (if_statement)
  (for_statement)
  (enhanced_for_statement)
  (while_statement)
  (do_statement)
  (catch_clause)
  (ternary_expression)
] @decision
(switch_label (_)) @decision
(binary_expression operator: ["&&" "||"]) @decision

(method_invocation
  object: (identifier) @_system
  name: (identifier) @_fn
  arguments: (argument_list . (string_literal) @env)
  (#eq? @_system "System")
  (#eq? @_fn "getenv"))
