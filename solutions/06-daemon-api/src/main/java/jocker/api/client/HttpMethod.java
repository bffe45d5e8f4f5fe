package jocker.api.client;

/** The HTTP methods the Engine API's client sends. */
enum HttpMethod {
    GET, HEAD, POST, DELETE
}
