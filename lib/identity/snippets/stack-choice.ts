/** The Identity page's stack choice, remembered per browser in this cookie so the server renders that stack. */
export const STACK_CHOICE_COOKIE = "reqio_stack";
