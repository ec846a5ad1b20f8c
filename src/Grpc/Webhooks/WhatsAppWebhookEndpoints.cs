using System.Buffers;
using Mediator;
using Microsoft.Extensions.Options;
using PesanAI.Application.Inbound;
using PesanAI.Infrastructure.WhatsApp;
using PesanAI.Infrastructure.WhatsApp.Webhooks;

namespace PesanAI.Host.Webhooks;

/// <summary>
/// Meta's webhook on the HTTP port. GET answers the subscription check; POST reads the body, has
/// <see cref="WebhookVerifier"/> check the signature over the raw bytes (before anything is parsed) and find the
/// routes, hands the verified webhook to the ingest, and answers 200 only after the commit (503 only when the
/// store is unavailable, so that Meta retries; what the store refuses for good is parked and acknowledged).
/// </summary>
public static partial class WhatsAppWebhookEndpoints
{
    public const string Path = "/webhooks/whatsapp";

    /// <summary>
    /// Ingests running at once on this node. Each holds a database connection (and waits on the locks of
    /// the customers it writes for), so a burst of deliveries queues here rather than exhausting connections.
    /// </summary>
    public const int MaxConcurrentIngests = 16;

    private static readonly SemaphoreSlim Ingests = new(MaxConcurrentIngests, MaxConcurrentIngests);

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
        HttpContext context, WebhookVerifier verifier, ISender sender, IOptions<WebhookOptions> options, ILoggerFactory loggers)
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
            { Ingest: { } ingest } => await IngestAsync(ingest, sender, loggers.CreateLogger(typeof(WhatsAppWebhookEndpoints)), context.RequestAborted),
            { Verdict: WebhookVerdict.Malformed or WebhookVerdict.Unparsable } => Results.BadRequest(),
            { Verdict: WebhookVerdict.Unverifiable } => Results.Ok(),
            _ => Results.Unauthorized(),
        };
    }

    /// <summary>200 after the commit (what the store refuses for good is parked by the ingest); 503 when a retry may succeed.</summary>
    private static async Task<IResult> IngestAsync(IngestWebhook ingest, ISender sender, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            await Ingests.WaitAsync(cancellationToken);
            try
            {
                await sender.Send(ingest, cancellationToken);
            }
            finally
            {
                Ingests.Release();
            }
        }
        catch (Exception ex) when (StoreFailures.IsRetryable(ex))
        {
            // The reason only: PostgreSQL's messages can quote the payload.
            LogStoreUnavailable(logger, StoreFailures.Reason(ex));
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Permanent failures are parked by the ingest; this is parking itself failing.
            LogNotParked(logger, StoreFailures.Reason(ex));
            return Results.StatusCode(StatusCodes.Status500InternalServerError);
        }

        return Results.Ok();
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

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook not stored: the store is unavailable ({Reason}); Meta will retry")]
    private static partial void LogStoreUnavailable(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook neither stored nor parked ({Reason}); Meta will retry")]
    private static partial void LogNotParked(ILogger logger, string reason);
}
