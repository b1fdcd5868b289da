; Rust: modules, uses, definitions, complexity, environment.

(use_declaration argument: (_) @import.rust)
(mod_item name: (identifier) @import.mod !body)
(extern_crate_declaration name: (identifier) @import)

(function_item name: (identifier) @name) @definition.function
(struct_item name: (type_identifier) @name) @definition.type
(enum_item name: (type_identifier) @name) @definition.type
(trait_item name: (type_identifier) @name) @definition.type
(union_item name: (type_identifier) @name) @definition.type
(type_item name: (type_identifier) @name) @definition.type

[
  (if_expression)
  (while_expression)
  (for_expression)
  (match_arm)
] @decision
(binary_expression operator: ["&&" "||"]) @decision

(call_expression
  function: (scoped_identifier path: (_) @_path name: (identifier) @_fn)
  arguments: (arguments . (string_literal) @env)
  (#match? @_path "(^|::)env$")
  (#any-of? @_fn "var" "var_os"))
(macro_invocation
  macro: (identifier) @_macro
  (token_tree . (string_literal) @env)
  (#any-of? @_macro "env" "option_env"))
