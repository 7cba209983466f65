"""Wagtail wiring for the non-attribution gate, all in one place: its front doors in the editor
and on every path that can make a page public, and its log in the reports menu."""

from wagtail import hooks

from . import gate_editor, gate_log, gate_paths

# The editor: a summary of what the gate found, and the warnings an editor accepted, logged.
hooks.register("insert_editor_js", gate_editor.gate_editor_js)
hooks.register("after_publish_page", gate_editor.log_the_warnings_the_editor_accepted)

# Paths other than the editor that can make a page public: bulk publish, move and copy.
hooks.register("before_bulk_action", gate_paths.check_bulk_publish)
hooks.register("before_move_page", gate_paths.check_move)
hooks.register("before_bulk_action", gate_paths.check_bulk_move)
hooks.register("before_copy_page", gate_paths.check_copy)

# The non-attribution log: its entries, its report and its menu item.
hooks.register("register_log_actions", gate_log.register_gate_log_actions)
hooks.register("register_admin_urls", gate_log.register_gate_log_urls)
hooks.register("register_reports_menu_item", gate_log.register_gate_log_menu_item)
