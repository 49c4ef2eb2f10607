// Kept out of the page: the console's Content-Security-Policy allows no inline scripts.
window.ui = SwaggerUIBundle({ url: '/v3/api-docs', dom_id: '#swagger-ui', deepLinking: true });
