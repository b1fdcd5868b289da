; JavaScript: what differs from TypeScript (the rest is in ecmascript.scm).

(class_declaration name: (identifier) @name) @definition.type
