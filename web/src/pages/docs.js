// /docs: Swagger UI from the bundle (swagger-ui-dist, loaded before this module as a plain
// script). A logged-in browser's requests carry the session cookie; the CSRF token is added
// here so that "Try it out" works for changes too. Scripts use "Authorize" with a token.
import { readCookie } from "../lib/api.js";

const CSRF_COOKIE = "numjudge_csrf";
const root = document.getElementById("swagger-ui");
const { SwaggerUIBundle } = window;

SwaggerUIBundle({
  url: root.dataset.openapiUrl,
  domNode: root,
  deepLinking: true,
  presets: [SwaggerUIBundle.presets.apis],
  layout: "BaseLayout",
  validatorUrl: null, // the default sends the schema to validator.swagger.io
  requestInterceptor: (request) => {
    const token = readCookie(CSRF_COOKIE);
    if (token && !request.headers.Authorization) request.headers["X-CSRF-Token"] = token;
    return request;
  },
});
