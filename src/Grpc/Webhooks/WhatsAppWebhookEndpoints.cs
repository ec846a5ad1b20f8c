using System.Buffers;
using Microsoft.Extensions.Options;
using PesanAI.Application.Inbound;
using PesanAI.Infrastructure.WhatsApp;
using PesanAI.Infrastructure.WhatsApp.Webhooks;

namespace PesanAI.Host.Webhooks;

/// <summary>
/// Meta's webhook on the HTTP port. GET answers the subscription check. POST does only what must happen before the
/// 200: reads the body (size), has <see cref="WebhookVerifier"/> check the signature over the raw bytes (before
/// anything is parsed) and the body's shape, appends the verified body to the inbound queue in one insert, and
/// answers 200 once that committed. The <see cref="InboundProcessor"/> turns it into events afterwards. 503 with
/// Retry-After when the append fails (the store is unavailable) or the backlog is over its bound, so that Meta
/// retries later.
/// </summary>
public static partial class WhatsAppWebhookEndpoints
{
    public const string Path = "/webhooks/whatsapp";

    /// <summary>What a 503 asks Meta to wait (Meta retries on its own schedule; other senders may honour it).</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(30);

    public static IEndpointRouteBuilder MapWhatsAppWebhooks(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, VerifyAsync).AllowAnonymous();
        endpoints.MapPost(Path, ReceiveAsync).AllowAnonymous().DisableAntiforgery();
        return endpoints;
    }

    private static async Task<IResult> VerifyAsync(HttpContext context, IPhoneNumberDirectory directory)
    {
        var query = context.Request.Query;
        var token = query["hub.verify_token"].ToString();
        var challenge = query["hub.challenge"].ToString();
        if (query["hub.mode"] == "subscribe" && token.Length is > 0 and <= 256 && challenge.Length is > 0 and <= 256
            && await directory.IsVerifyTokenAsync(token, context.RequestAborted))
        {
            return Results.Text(challenge, "text/plain");
        }

        return Results.StatusCode(StatusCodes.Status403Forbidden);
    }

    private static async Task<IResult> ReceiveAsync(
        HttpContext context, WebhookVerifier verifier, IInboundQueue queue, InboundProcessor processor, InboundBacklogMonitor backlog,
        IOptions<WebhookOptions> options, ILoggerFactory loggers)
    {
        if (!IsJson(context.Request.ContentType))
        {
            return Results.StatusCode(StatusCodes.Status415UnsupportedMediaType);
        }

        var body = await ReadBodyAsync(context.Request, context.RequestAborted);
        if (body is null)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        var signature = context.Request.Headers[WebhookSignature.Header].ToString();
        var verification = await verifier.VerifyAsync(body, signature, options.Value.MetaAppSecret, context.RequestAborted);
        return verification switch
        {
            { Accepted: { } raw } => await AppendAsync(context, raw, queue, processor, backlog, loggers.CreateLogger(typeof(WhatsAppWebhookEndpoints))),
            { Verdict: WebhookVerdict.Malformed or WebhookVerdict.Unparsable } => Results.BadRequest(),
            { Verdict: WebhookVerdict.Unverifiable } => Results.Ok(),
            _ => Results.Unauthorized(),
        };
    }

    /// <summary>200 once the body is committed to the queue; 503 when it cannot be, or the backlog is over its bound.</summary>
    private static async Task<IResult> AppendAsync(
        HttpContext context, RawWebhook raw, IInboundQueue queue, InboundProcessor processor, InboundBacklogMonitor backlog, ILogger logger)
    {
        if (backlog.IsOverloaded)
        {
            LogBackPressure(logger, backlog.Latest!.Backlog.PendingBytes);
            return RetryLater(context);
        }

        try
        {
            await queue.AppendAsync(raw, context.RequestAborted);
        }
        catch (Exception ex) when (!context.RequestAborted.IsCancellationRequested)
        {
            // The reason only: PostgreSQL's messages can quote the payload.
            LogNotAppended(logger, StoreFailures.Reason(ex));
            return RetryLater(context);
        }

        processor.Nudge();
        return Results.Ok();
    }

    private static IResult RetryLater(HttpContext context)
    {
        context.Response.Headers.RetryAfter = ((int)RetryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
    }

    private static bool IsJson(string? contentType) =>
        contentType is not null && contentType.Split(';')[0].Trim().Equals("application/json", StringComparison.OrdinalIgnoreCase);

    /// <summary>The raw body, or null when it is larger than Meta ever sends.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > WebhookPayload.MaxBodyBytes)
        {
            return null;
        }

        var reader = request.BodyReader;
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken);
            if (result.Buffer.Length > WebhookPayload.MaxBodyBytes)
            {
                reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
                return null;
            }

            if (result.IsCompleted)
            {
                var bytes = result.Buffer.ToArray();
                reader.AdvanceTo(result.Buffer.End);
                return bytes;
            }

            reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook not appended ({Reason}); answered 503, Meta will retry")]
    private static partial void LogNotAppended(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook refused with 503: {PendingBytes} bytes of webhooks wait for the processor, over PESANAI_INBOUND_MAX_BACKLOG_MB")]
    private static partial void LogBackPressure(ILogger logger, long pendingBytes);
}
