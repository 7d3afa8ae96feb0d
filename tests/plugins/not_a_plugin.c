/* A shared library without guichet_plugin_entry. */
int something_else(void) { return 42; }
