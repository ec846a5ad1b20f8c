using System.Net;

namespace PesanAI.Client;

/// <summary>
/// The token endpoint refused to issue an access token (an OAuth 2.0 error response, RFC 6749 section 5.2),
/// or answered with something that is not a bearer token.
/// </summary>
public sealed class PesanAiAuthenticationException : Exception
{
    /// <summary>The <see cref="Error"/> used when the endpoint's answer is not a usable bearer token.</summary>
    public const string InvalidTokenResponse = "invalid_token_response";

    /// <summary>Creates the exception for an OAuth 2.0 error response.</summary>
    /// <param name="error">The <c>error</c> code, for example <c>invalid_client</c> or <c>invalid_scope</c>.</param>
    /// <param name="errorDescription">The <c>error_description</c>, when the server gave one.</param>
    /// <param name="statusCode">The HTTP status of the response.</param>
    public PesanAiAuthenticationException(string error, string? errorDescription, HttpStatusCode? statusCode)
        : base(errorDescription is null
            ? $"The PesanAI token endpoint refused to issue a token: {error}."
            : $"The PesanAI token endpoint refused to issue a token: {error}: {errorDescription}")
    {
        Error = error;
        ErrorDescription = errorDescription;
        StatusCode = statusCode;
    }

    public PesanAiAuthenticationException()
        : this(InvalidTokenResponse, null, null)
    {
    }

    public PesanAiAuthenticationException(string message)
        : base(message) => Error = InvalidTokenResponse;

    public PesanAiAuthenticationException(string message, Exception innerException)
        : base(message, innerException) => Error = InvalidTokenResponse;

    /// <summary>The OAuth 2.0 <c>error</c> code, or <see cref="InvalidTokenResponse"/>.</summary>
    public string Error { get; }

    /// <summary>The OAuth 2.0 <c>error_description</c>, when the server gave one.</summary>
    public string? ErrorDescription { get; }

    /// <summary>The HTTP status of the token endpoint's response.</summary>
    public HttpStatusCode? StatusCode { get; }
}
