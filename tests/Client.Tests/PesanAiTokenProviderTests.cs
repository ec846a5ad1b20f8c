using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;

namespace PesanAI.Client.Tests;

public sealed class PesanAiTokenProviderTests : IDisposable
{
    private static readonly TimeSpan OneHour = TimeSpan.FromHours(1);

    private readonly HttpClient _http = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task Token_request_uses_the_client_credentials_grant_with_scopes()
    {
        await using var endpoint = await FakeTokenEndpoint.IssuingAsync(OneHour);
        var tokens = new PesanAiTokenProvider(_http, endpoint.BaseAddress, "partner-42", "s3cret", ["tenants.read", "tenants.write"], _time);

        Assert.Equal("token-1", await tokens.GetAccessTokenAsync());

        var form = Assert.Single(endpoint.Requests);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = "partner-42",
                ["client_secret"] = "s3cret",
                ["scope"] = "tenants.read tenants.write",
            },
            form);
    }

    [Fact]
    public async Task Token_request_without_scopes_sends_no_scope_field()
    {
        await using var endpoint = await FakeTokenEndpoint.IssuingAsync(OneHour);
        var tokens = new PesanAiTokenProvider(_http, endpoint.BaseAddress, "partner-42", "s3cret", timeProvider: _time);

        await tokens.GetAccessTokenAsync();

        Assert.DoesNotContain("scope", Assert.Single(endpoint.Requests).Keys);
    }

    [Fact]
    public async Task Second_call_reuses_the_cached_token()
    {
        await using var endpoint = await FakeTokenEndpoint.IssuingAsync(OneHour);
        var tokens = Provider(endpoint);

        var first = await tokens.GetAccessTokenAsync();
        var second = await tokens.GetAccessTokenAsync();

        Assert.Equal(("token-1", "token-1"), (first, second));
        Assert.Single(endpoint.Requests);
    }

    [Fact]
    public async Task Token_is_renewed_a_minute_before_it_expires()
    {
        await using var endpoint = await FakeTokenEndpoint.IssuingAsync(OneHour);
        var tokens = Provider(endpoint);
        await tokens.GetAccessTokenAsync();

        _time.Advance(OneHour - TimeSpan.FromSeconds(61));
        var beforeMargin = await tokens.GetAccessTokenAsync();
        _time.Advance(TimeSpan.FromSeconds(1));
        var withinMargin = await tokens.GetAccessTokenAsync();

        Assert.Equal(("token-1", "token-2"), (beforeMargin, withinMargin));
        Assert.Equal(2, endpoint.Requests.Count);
    }

    [Fact]
    public async Task Short_lived_token_is_renewed_a_tenth_of_its_lifetime_before_it_expires()
    {
        await using var endpoint = await FakeTokenEndpoint.IssuingAsync(TimeSpan.FromSeconds(100));
        var tokens = Provider(endpoint);
        await tokens.GetAccessTokenAsync();

        _time.Advance(TimeSpan.FromSeconds(89));
        Assert.Equal("token-1", await tokens.GetAccessTokenAsync());
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("token-2", await tokens.GetAccessTokenAsync());
    }

    [Fact]
    public async Task Concurrent_callers_share_one_token_request()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var endpoint = await FakeTokenEndpoint.StartAsync(async n =>
        {
            await release.Task;
            return FakeTokenEndpoint.Token(n, OneHour);
        });
        var tokens = Provider(endpoint);

        // The endpoint holds its answer, so every caller is in flight before the first token arrives.
        var callers = Enumerable.Range(0, 8).Select(_ => tokens.GetAccessTokenAsync().AsTask()).ToList();
        Assert.DoesNotContain(callers, caller => caller.IsCompleted);
        release.SetResult();

        Assert.All(await Task.WhenAll(callers), token => Assert.Equal("token-1", token));
        Assert.Single(endpoint.Requests);
    }

    [Fact]
    public async Task OAuth_error_becomes_an_authentication_exception()
    {
        await using var endpoint = await FakeTokenEndpoint.StartAsync(_ => Task.FromResult(Results.Json(
            new { error = "invalid_client", error_description = "The client credentials are invalid." },
            statusCode: StatusCodes.Status401Unauthorized)));
        var tokens = Provider(endpoint);

        var refused = await Assert.ThrowsAsync<PesanAiAuthenticationException>(() => tokens.GetAccessTokenAsync().AsTask());

        Assert.Equal(
            ("invalid_client", "The client credentials are invalid.", HttpStatusCode.Unauthorized),
            (refused.Error, refused.ErrorDescription, refused.StatusCode));
        Assert.Contains("invalid_client", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refused_request_is_not_cached()
    {
        await using var endpoint = await FakeTokenEndpoint.StartAsync(n => Task.FromResult(n == 1
            ? Results.Json(new { error = "temporarily_unavailable" }, statusCode: StatusCodes.Status503ServiceUnavailable)
            : FakeTokenEndpoint.Token(n, OneHour)));
        var tokens = Provider(endpoint);

        await Assert.ThrowsAsync<PesanAiAuthenticationException>(() => tokens.GetAccessTokenAsync().AsTask());

        Assert.Equal("token-2", await tokens.GetAccessTokenAsync());
    }

    [Fact]
    public async Task Answer_without_a_bearer_token_is_an_invalid_token_response()
    {
        await using var endpoint = await FakeTokenEndpoint.StartAsync(_ => Task.FromResult(Results.Json(new { token_type = "Bearer", expires_in = 3600 })));
        var tokens = Provider(endpoint);

        var refused = await Assert.ThrowsAsync<PesanAiAuthenticationException>(() => tokens.GetAccessTokenAsync().AsTask());

        Assert.Equal(PesanAiAuthenticationException.InvalidTokenResponse, refused.Error);
    }

    private PesanAiTokenProvider Provider(FakeTokenEndpoint endpoint) =>
        new(_http, endpoint.BaseAddress, "partner-42", "s3cret", timeProvider: _time);
}
