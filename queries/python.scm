; Python: imports, definitions, __all__, complexity, environment, docstring.

(import_statement name: (dotted_name) @import)
(import_statement name: (aliased_import name: (dotted_name) @import))
(import_from_statement module_name: (dotted_name) @import)
(import_from_statement module_name: (relative_import
  (import_prefix) @import.relative
  (dotted_name)? @import))

(function_definition name: (identifier) @name) @definition.function
(class_definition name: (identifier) @name) @definition.type

(module (expression_statement (assignment
  left: (identifier) @_all
  right: [(list (string) @export.name) (tuple (string) @export.name)])
  (#eq? @_all "__all__")))

; the module docstring: source.c keeps the one no statement precedes
; (comments may: the anchor "." would count them)
(module (expression_statement (string) @doc))

[
  (if_statement)
  (elif_clause)
  (for_statement)
  (while_statement)
  (except_clause)
  (conditional_expression)
  (boolean_operator)
  (for_in_clause)
  (if_clause)
  (case_clause)
] @decision

; os.getenv("X"), os.getenv("X", "d"), os.environ.get("X", "d")
(call
  function: (attribute object: (identifier) @_os attribute: (identifier) @_fn)
  arguments: (argument_list . (string) @env . (string)? @env.default)
  (#eq? @_os "os")
  (#eq? @_fn "getenv"))
(call
  function: (attribute
    object: (attribute object: (identifier) @_os attribute: (identifier) @_environ)
    attribute: (identifier) @_fn)
  arguments: (argument_list . (string) @env . (string)? @env.default)
  (#eq? @_os "os")
  (#eq? @_environ "environ")
  (#eq? @_fn "get"))
; os.environ["X"]
(subscript
  value: (attribute object: (identifier) @_os attribute: (identifier) @_environ)
  subscript: (string) @env
  (#eq? @_os "os")
  (#eq? @_environ "environ"))
