using System.Text.Json;

namespace PesanAI.Client;

/// <summary>
/// Gets access tokens for the PesanAI API by the OAuth 2.0 client-credentials grant and caches each one until
/// shortly before it expires. Thread-safe: share one instance per client id; concurrent callers that find
/// no fresh token wait for a single request to the token endpoint.
/// </summary>
public sealed class PesanAiTokenProvider
{
    // A token is renewed a tenth of its lifetime before it expires, and at most a minute before,
    // so that a call never leaves with a token that expires on the way.
    private static readonly TimeSpan MaxRefreshMargin = TimeSpan.FromMinutes(1);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    private readonly HttpClient _httpClient;
    private readonly Uri _tokenEndpoint;
    private readonly IReadOnlyDictionary<string, string> _form;
    private readonly TimeProvider _timeProvider;

    // SemaphoreSlim holds no OS handle unless AvailableWaitHandle is used, so the provider needs no Dispose.
    private readonly SemaphoreSlim _refreshLock = new(1, 1);
    private volatile CachedToken? _cached;

    /// <summary>Creates a provider for one OAuth 2.0 client.</summary>
    /// <param name="httpClient">Sends the token requests. The caller owns it and disposes it.</param>
    /// <param name="httpBaseAddress">The server's HTTP base address; tokens come from <c>{httpBaseAddress}/connect/token</c>.</param>
    /// <param name="clientId">The OAuth 2.0 client id.</param>
    /// <param name="clientSecret">The OAuth 2.0 client secret.</param>
    /// <param name="scopes">The scopes to ask for; none to get the client's default scopes.</param>
    /// <param name="timeProvider">The clock that decides when a token is due for renewal; <see cref="TimeProvider.System"/> by default.</param>
    public PesanAiTokenProvider(
        HttpClient httpClient,
        Uri httpBaseAddress,
        string clientId,
        string clientSecret,
        IEnumerable<string>? scopes = null,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(httpBaseAddress);
        ArgumentException.ThrowIfNullOrWhiteSpace(clientId);
        ArgumentException.ThrowIfNullOrWhiteSpace(clientSecret);

        _httpClient = httpClient;
        _tokenEndpoint = new Uri(httpBaseAddress.AbsoluteUri.TrimEnd('/') + "/connect/token");
        _timeProvider = timeProvider ?? TimeProvider.System;

        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = clientSecret,
        };
        var scope = string.Join(' ', scopes ?? []);
        if (scope.Length > 0)
        {
            form["scope"] = scope;
        }

        _form = form;
    }

    /// <summary>Creates a provider for the client that <paramref name="options"/> names.</summary>
    /// <param name="httpClient">Sends the token requests. The caller owns it and disposes it.</param>
    /// <param name="options">The token endpoint's base address, client id, secret and scopes.</param>
    /// <param name="timeProvider">The clock that decides when a token is due for renewal; <see cref="TimeProvider.System"/> by default.</param>
    public PesanAiTokenProvider(HttpClient httpClient, PesanAiClientOptions options, TimeProvider? timeProvider = null)
        : this(
            httpClient,
            (options ?? throw new ArgumentNullException(nameof(options))).TokenEndpointBase,
            options.ClientId,
            options.ClientSecret,
            options.Scopes,
            timeProvider)
    {
    }

    /// <summary>Returns a fresh access token, from the cache or from the token endpoint.</summary>
    /// <exception cref="PesanAiAuthenticationException">The token endpoint refused the client or its scopes, or did not answer with a bearer token.</exception>
    /// <exception cref="HttpRequestException">The token endpoint could not be reached or failed without an OAuth error.</exception>
    /// <remarks>A token answered without <c>expires_in</c> is used for one call only.</remarks>
    public async ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken = default)
    {
        if (Fresh(_cached) is { } token)
        {
            return token;
        }

        await _refreshLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Another caller may have renewed the token while this one waited.
            if (Fresh(_cached) is { } renewed)
            {
                return renewed;
            }

            var cached = await RequestTokenAsync(cancellationToken).ConfigureAwait(false);
            _cached = cached;
            return cached.AccessToken;
        }
        finally
        {
            _refreshLock.Release();
        }
    }

    private string? Fresh(CachedToken? cached) =>
        cached is not null && _timeProvider.GetUtcNow() < cached.RenewAt ? cached.AccessToken : null;

    private async Task<CachedToken> RequestTokenAsync(CancellationToken cancellationToken)
    {
        // Measured before the request, so the time on the wire counts against the token's lifetime.
        var requestedAt = _timeProvider.GetUtcNow();
        using var content = new FormUrlEncodedContent(_form);
        using var response = await _httpClient.PostAsync(_tokenEndpoint, content, cancellationToken).ConfigureAwait(false);
        var body = await ReadBodyAsync(response, cancellationToken).ConfigureAwait(false);

        if (!string.IsNullOrEmpty(body?.Error))
        {
            throw new PesanAiAuthenticationException(body.Error, body.ErrorDescription, response.StatusCode);
        }

        response.EnsureSuccessStatusCode();
        if (string.IsNullOrEmpty(body?.AccessToken) || !string.Equals(body.TokenType, "Bearer", StringComparison.OrdinalIgnoreCase))
        {
            throw new PesanAiAuthenticationException(
                PesanAiAuthenticationException.InvalidTokenResponse,
                "The token endpoint answered without a bearer access_token.",
                response.StatusCode);
        }

        var lifetime = TimeSpan.FromSeconds(body.ExpiresIn ?? 0);
        var margin = lifetime / 10 < MaxRefreshMargin ? lifetime / 10 : MaxRefreshMargin;
        return new CachedToken(body.AccessToken, requestedAt + lifetime - margin);
    }

    private static async Task<TokenResponse?> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return JsonSerializer.Deserialize<TokenResponse>(text, Json);
        }
        catch (JsonException)
        {
            return null; // not JSON, for example a proxy's HTML error page: the status code tells what happened
        }
    }

    private sealed record CachedToken(string AccessToken, DateTimeOffset RenewAt);

    private sealed record TokenResponse(string? AccessToken, string? TokenType, long? ExpiresIn, string? Error, string? ErrorDescription);
}
