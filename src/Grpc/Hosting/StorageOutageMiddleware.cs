using System.Globalization;
using Google.Protobuf;
using PesanAI.Host.Auth;

namespace PesanAI.Host.Hosting;

/// <summary>
/// Answers a storage outage that escapes a request as "retry later" in the caller's protocol, never as a 500 with
/// the exception: gRPC UNAVAILABLE with <c>RetryInfo</c>, OAuth's <c>temporarily_unavailable</c> at the token
/// endpoint, a bare 503 elsewhere, each with <c>Retry-After</c>. It sits in front of authentication because every
/// call's token is checked against the identity store there, before the gRPC interceptor (which answers outages
/// inside service methods the same way) runs.
/// </summary>
public sealed partial class StorageOutageMiddleware(RequestDelegate next, ILogger<StorageOutageMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            await next(context);
        }
        catch (Exception ex) when (StorageOutage.Is(ex) && !context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            LogOutage(logger, ex, context.Request.Path, context.TraceIdentifier);
            await AnswerAsync(context);
        }
    }

    private static Task AnswerAsync(HttpContext context)
    {
        var isGrpc = context.Request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true;
        context.Response.Clear();
        context.Response.Headers.RetryAfter = ((int)Math.Ceiling(StorageOutage.RetryDelay.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        if (isGrpc)
        {
            // A trailers-only response: HTTP 200 whose headers carry the gRPC status, as gRPC servers answer a call
            // they refuse before any message (https://github.com/grpc/grpc/blob/master/doc/PROTOCOL-HTTP2.md).
            var status = StorageOutage.GrpcStatus();
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = "application/grpc";
            context.Response.Headers["grpc-status"] = status.Code.ToString(CultureInfo.InvariantCulture);
            context.Response.Headers["grpc-message"] = status.Message;
            context.Response.Headers["grpc-status-details-bin"] = Convert.ToBase64String(status.ToByteArray());
            return Task.CompletedTask;
        }

        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        if (context.Request.Path.Equals(TokenEndpoint.Path, StringComparison.Ordinal))
        {
            // RFC 6749 §5.2's error shape (temporarily_unavailable is its code for this, §4.1.2.1), so OAuth clients
            // read it as they read any refusal.
            context.Response.Headers.CacheControl = "no-store";
            return context.Response.WriteAsJsonAsync(new Dictionary<string, string>
            {
                ["error"] = "temporarily_unavailable",
                ["error_description"] = StorageOutage.Message,
            });
        }

        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage unavailable: {Path} answered 'retry later' (request {RequestId})")]
    private static partial void LogOutage(ILogger logger, Exception exception, PathString path, string requestId);
}
