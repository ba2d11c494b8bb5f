/** The config file's name, looked for upward from the working directory. */
export const CONFIG_FILE_NAME = 'sglint.config.json';
