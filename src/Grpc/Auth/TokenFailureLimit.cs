using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Threading.RateLimiting;

namespace PesanAI.Host.Auth;

/// <summary>How many failed token requests a client id, and an address, may make per window before a pause.</summary>
public sealed class TokenFailureOptions
{
    [ConfigurationKeyName("PESANAI_TOKEN_MAX_FAILURES_PER_CLIENT")]
    [Range(1, 100_000, ErrorMessage = "PESANAI_TOKEN_MAX_FAILURES_PER_CLIENT must be between 1 and 100000.")]
    public int MaxFailuresPerClient { get; set; } = 10;

    [ConfigurationKeyName("PESANAI_TOKEN_MAX_FAILURES_PER_ADDRESS")]
    [Range(1, 1_000_000, ErrorMessage = "PESANAI_TOKEN_MAX_FAILURES_PER_ADDRESS must be between 1 and 1000000.")]
    public int MaxFailuresPerAddress { get; set; } = 100;

    [ConfigurationKeyName("PESANAI_TOKEN_FAILURE_WINDOW_SECONDS")]
    [Range(1, 86_400, ErrorMessage = "PESANAI_TOKEN_FAILURE_WINDOW_SECONDS must be between 1 and 86400.")]
    public int FailureWindowSeconds { get; set; } = 300;
}

/// <summary>
/// Limits failed client authentications at <c>/connect/token</c>, per client id and per client address, with
/// ASP.NET Core's rate limiters: each 401 takes a permit; with none left, every request of that client id or
/// address (a right secret too) answers 429 with Retry-After until the window turns. Successful requests cost nothing.
/// </summary>
public sealed class TokenFailureLimit : IDisposable
{
    private readonly PartitionedRateLimiter<string> _clients;
    private readonly PartitionedRateLimiter<string> _addresses;

    public TokenFailureLimit(Microsoft.Extensions.Options.IOptions<TokenFailureOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var window = TimeSpan.FromSeconds(options.Value.FailureWindowSeconds);
        _clients = Limiter(options.Value.MaxFailuresPerClient, window);
        _addresses = Limiter(options.Value.MaxFailuresPerAddress, window);
    }

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var clientId = await ClientIdOf(context.Request);
        var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var retryAfter = Exhausted(_addresses, address) ?? (clientId is null ? null : Exhausted(_clients, clientId));
        if (retryAfter is { } wait)
        {
            await RefuseAsync(context, wait);
            return;
        }

        await next(context);
        if (context.Response.StatusCode == StatusCodes.Status401Unauthorized)
        {
            _addresses.AttemptAcquire(address).Dispose();
            if (clientId is not null)
            {
                _clients.AttemptAcquire(clientId).Dispose();
            }
        }
    }

    public void Dispose()
    {
        _clients.Dispose();
        _addresses.Dispose();
    }

    private static PartitionedRateLimiter<string> Limiter(int permits, TimeSpan window) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = window,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    /// <summary>Null while permits are left; else how long until the window turns. Asking for 0 permits takes none.</summary>
    private static TimeSpan? Exhausted(PartitionedRateLimiter<string> limiter, string key)
    {
        using var lease = limiter.AttemptAcquire(key, 0);
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
    }

    /// <summary>The client id from the form or from HTTP Basic authentication (both are allowed by OAuth).</summary>
    private static async Task<string?> ClientIdOf(HttpRequest request)
    {
        if (AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header)
            && string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase) && header.Parameter is { } parameter)
        {
            try
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(parameter));
                var colon = decoded.IndexOf(':', StringComparison.Ordinal);
                return Uri.UnescapeDataString(colon < 0 ? decoded : decoded[..colon]);
            }
            catch (FormatException)
            {
                return null;
            }
        }

        if (!request.HasFormContentType)
        {
            return null;
        }

        var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        return form.TryGetValue("client_id", out var value) && !string.IsNullOrEmpty(value) ? value.ToString() : null;
    }

    private static async Task RefuseAsync(HttpContext context, TimeSpan retryAfter)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.WriteAsJsonAsync(
            new Dictionary<string, string>
            {
                ["error"] = "slow_down",
                ["error_description"] = $"Too many failed attempts; retry after {seconds} s.",
            },
            context.RequestAborted);
    }
}
