using System.Buffers;
using Mediator;
using Microsoft.Extensions.Options;
using PesanAI.Application.Inbound;
using PesanAI.Infrastructure.WhatsApp;
using PesanAI.Infrastructure.WhatsApp.Webhooks;

namespace PesanAI.Host.Webhooks;

/// <summary>
/// Meta's webhook on the HTTP port. GET answers the subscription check; POST verifies the signature over the
/// raw bytes before anything is parsed, stores, and answers 200 only after the commit (503 only when the
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
        HttpContext context,
        IPhoneNumberDirectory directory,
        ISender sender,
        IOptions<WebhookOptions> options,
        TimeProvider clock,
        ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(WhatsAppWebhookEndpoints));
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
        if (signature.Length == 0)
        {
            return Results.Unauthorized();
        }

        var platformSecret = options.Value.MetaAppSecret is { Length: > 0 } configured ? System.Text.Encoding.UTF8.GetBytes(configured) : null;
        if (!WebhookRouting.TryRead(body, out var keys))
        {
            // Malformed: a 400 only for a sender who signed it with a secret it could name; anyone else learns
            // nothing about how the body was read.
            return await IsSignedByCandidateAsync(body, signature, platformSecret, directory, context.RequestAborted)
                ? Results.BadRequest()
                : Results.Unauthorized();
        }

        // Each tenant's changes count only if that tenant's app secret (or the platform's) signed the body:
        // one tenant's secret must never carry another tenant's numbers in.
        var phoneNumberIds = keys.PhoneNumberIds;
        var routes = (await directory.FindAsync(phoneNumberIds, context.RequestAborted)).Values.ToList();
        if (phoneNumberIds.Count == 0 && keys.WabaIds.Count > 0)
        {
            // Changes without a phone number (template status updates) are signed with the WABA's app secret.
            routes.AddRange(await directory.FindByWabaAsync(keys.WabaIds, context.RequestAborted));
        }

        if (routes.Count == 0 && platformSecret is null)
        {
            // No secret can check it: nobody here registered these numbers. Meta must not retry forever.
            LogUnverifiable(logger, string.Join(',', phoneNumberIds));
            return Results.Ok();
        }

        var signedByPlatform = platformSecret is not null && WebhookSignature.IsValid(body, signature, platformSecret);
        var verdicts = new Dictionary<string, bool>(StringComparer.Ordinal);
        var verified = routes
            .Where(r => signedByPlatform || Verdict(verdicts, body, signature, r.AppSecret))
            .ToList();
        if (!signedByPlatform && verified.Count == 0)
        {
            return Results.Unauthorized();
        }

        if (!WebhookPayload.TryParse(body, out var parsed, out var error))
        {
            LogUnparsable(logger, error);
            return Results.BadRequest();
        }

        var raw = new RawWebhook(Guid.CreateVersion7(), clock.GetUtcNow(), SignatureValid: true, [.. phoneNumberIds], System.Text.Encoding.UTF8.GetString(body));
        try
        {
            var numbers = verified.Select(r => r.PhoneNumberId).ToHashSet(StringComparer.Ordinal);
            var tenants = verified.Select(r => r.TenantId).ToHashSet();
            await Ingests.WaitAsync(context.RequestAborted);
            try
            {
                await sender.Send(
                    new IngestWebhook(raw, [.. parsed.ToInboundChanges().Where(c => signedByPlatform || numbers.Contains(c.PhoneNumberId))])
                    {
                        TemplateStatuses = parsed.ToTemplateStatuses(),
                        TemplateTenants = [.. tenants],
                    },
                    context.RequestAborted);
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
        catch (Exception ex) when (!context.RequestAborted.IsCancellationRequested)
        {
            // Permanent failures are parked by the ingest; this is parking itself failing.
            LogNotParked(logger, StoreFailures.Reason(ex));
            return Results.StatusCode(StatusCodes.Status500InternalServerError);
        }

        return Results.Ok();
    }

    /// <summary>Whether the platform's app secret, or that of a number the (malformed) body appears to name, signed it.</summary>
    private static async Task<bool> IsSignedByCandidateAsync(
        byte[] body, string signature, byte[]? platformSecret, IPhoneNumberDirectory directory, CancellationToken cancellationToken)
    {
        if (platformSecret is not null && WebhookSignature.IsValid(body, signature, platformSecret))
        {
            return true;
        }

        var candidates = WebhookRouting.ScanPhoneNumberIds(body);
        if (candidates.Count == 0)
        {
            return false;
        }

        var verdicts = new Dictionary<string, bool>(StringComparer.Ordinal);
        return (await directory.FindAsync(candidates, cancellationToken)).Values.Any(r => Verdict(verdicts, body, signature, r.AppSecret));
    }

    /// <summary>One HMAC per distinct secret, however many numbers share it.</summary>
    private static bool Verdict(Dictionary<string, bool> verdicts, byte[] body, string signature, byte[] secret)
    {
        var key = Convert.ToBase64String(secret);
        if (!verdicts.TryGetValue(key, out var valid))
        {
            valid = WebhookSignature.IsValid(body, signature, secret);
            verdicts[key] = valid;
        }

        return valid;
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook for unregistered phone_number_id(s) {PhoneNumberIds}: no secret to verify it; acknowledged, nothing stored")]
    private static partial void LogUnverifiable(ILogger logger, string phoneNumberIds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A signed webhook could not be parsed: {Reason}")]
    private static partial void LogUnparsable(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook not stored: the store is unavailable ({Reason}); Meta will retry")]
    private static partial void LogStoreUnavailable(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook neither stored nor parked ({Reason}); Meta will retry")]
    private static partial void LogNotParked(ILogger logger, string reason);
}
