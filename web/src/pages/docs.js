// /docs: Swagger UI from the bundle (swagger-ui-dist, loaded before this module as a plain
// script). A logged-in browser's requests carry the session cookie; the CSRF token is added
// here so that "Try it out" works for changes too. Scripts use "Authorize" with a token.
import { CSRF_HEADER, csrfToken } from "../lib/api.js";

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
    const token = csrfToken();
    if (token && !request.headers.Authorization) request.headers[CSRF_HEADER] = token;
    return request;
  },
});
