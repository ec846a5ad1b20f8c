using System.Text;
using Microsoft.Extensions.Logging;
using PesanAI.Application.Inbound;

namespace PesanAI.Infrastructure.WhatsApp.Webhooks;

/// <summary>What a POST's body turned out to be; <see cref="WebhookVerification.Accepted"/> is set for <see cref="Verified"/> only.</summary>
public enum WebhookVerdict
{
    /// <summary>Signed by the platform's secret or by that of a number it names, and a WhatsApp Business Account payload.</summary>
    Verified,

    /// <summary>No signature, or none that a secret of the numbers it names (or the platform's) gives.</summary>
    Unsigned,

    /// <summary>Not a readable webhook, but signed with a secret it could name: the sender may learn that.</summary>
    Malformed,

    /// <summary>Names only numbers nobody here registered, and no platform secret: nothing can check it.</summary>
    Unverifiable,

    /// <summary>Verified, but not a WhatsApp Business Account payload.</summary>
    Unparsable,
}

/// <summary>The verdict, and for a verified body the raw webhook to append: the body as sent and whose secrets signed it.</summary>
public sealed record WebhookVerification(WebhookVerdict Verdict, RawWebhook? Accepted = null);

/// <summary>
/// Checks a webhook body's <c>X-Hub-Signature-256</c> over its raw bytes before it is parsed, against the app secret of
/// the number(s) the body names (read by <see cref="WebhookRouting"/>), or the platform's. Each tenant's changes count
/// only if that tenant's app secret (or the platform's) signed the body: one tenant's secret never carries another
/// tenant's numbers in. In the request (<see cref="VerifyAsync"/>) only what must happen before the 200: the routes
/// the signature needs, the signature, and the body's shape; after it (<see cref="ResolveAsync"/>) the full parse and
/// the routes the ingest writes through, kept to what the recorded signers cover.
/// </summary>
public sealed partial class WebhookVerifier(IPhoneNumberDirectory directory, TimeProvider clock, ILogger<WebhookVerifier> logger)
{
    public async Task<WebhookVerification> VerifyAsync(byte[] body, string signature, string? platformSecret, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (string.IsNullOrEmpty(signature))
        {
            return new(WebhookVerdict.Unsigned);
        }

        var signatures = new Signatures(body, signature, platformSecret is { Length: > 0 } ? Encoding.UTF8.GetBytes(platformSecret) : null);
        if (!WebhookRouting.TryRead(body, out var keys))
        {
            // Malformed: a 400 only for a sender who signed it with a secret it could name; anyone else learns
            // nothing about how the body was read.
            return new(await IsSignedByCandidateAsync(body, signatures, cancellationToken) ? WebhookVerdict.Malformed : WebhookVerdict.Unsigned);
        }

        var numbers = await directory.FindAsync(keys.PhoneNumberIds, cancellationToken);
        var candidates = numbers.Values.ToList();
        IReadOnlyList<PhoneNumberRoute>? wabaRoutes = null;
        if (keys.PhoneNumberIds.Count == 0 && keys.WabaIds.Count > 0)
        {
            // Changes without a phone number (template status updates) are signed with the WABA's app secret.
            wabaRoutes = await directory.FindByWabaAsync(keys.WabaIds, cancellationToken);
            candidates.AddRange(wabaRoutes);
        }

        if (candidates.Count == 0 && !signatures.HasPlatformSecret)
        {
            // No secret can check it: nobody here registered these numbers. Meta must not retry forever.
            LogUnverifiable(logger, string.Join(',', keys.PhoneNumberIds));
            return new(WebhookVerdict.Unverifiable);
        }

        var byPlatform = signatures.ByPlatform;
        var verified = candidates.Where(r => byPlatform || signatures.By(r.AppSecret)).ToList();
        if (!byPlatform && verified.Count == 0)
        {
            return new(WebhookVerdict.Unsigned);
        }

        if (!WebhookPayload.TryCheck(body, out var error))
        {
            LogUnparsable(logger, error);
            return new(WebhookVerdict.Unparsable);
        }

        var signers = new WebhookSigners(
            byPlatform,
            [.. numbers.Where(n => byPlatform || signatures.By(n.Value.AppSecret)).Select(n => n.Key)],
            [.. verified.Select(r => r.TenantId).Distinct()]);
        return new(WebhookVerdict.Verified, new RawWebhook(Guid.CreateVersion7(), clock.GetUtcNow(), keys.PhoneNumberIds, body, signers));
    }

    /// <summary>
    /// What the ingest takes of an appended body: parsed in full, its routes looked up as they are now, and only what its
    /// recorded signers cover: the changes of the numbers they signed for (of every number when the platform's secret
    /// signed, so that numbers nobody registered are logged), the template statuses of their tenants' WABAs. Null with
    /// a reason when the body cannot be parsed (the request checked its shape, so only a changed parser gets here).
    /// </summary>
    public async Task<(IngestWebhook? Ingest, string? Error)> ResolveAsync(RawWebhook raw, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(raw);
        if (!WebhookPayload.TryParse(raw.Body, out var parsed, out var error))
        {
            return (null, error);
        }

        var signers = raw.Signers;
        var numbers = raw.PhoneNumberIds.Count == 0 ? new Dictionary<string, PhoneNumberRoute>() : await directory.FindAsync(raw.PhoneNumberIds, cancellationToken);
        var signedFor = signers.PhoneNumberIds.ToHashSet(StringComparer.Ordinal);
        var routes = new WebhookRoutes(
            numbers.Where(n => signers.Platform || signedFor.Contains(n.Key)).ToDictionary(n => n.Key, n => n.Value, StringComparer.Ordinal),
            await TemplateRoutesAsync(parsed, signers.TenantIds, cancellationToken))
        {
            SignedByPlatform = signers.Platform,
        };
        return (Ingest(raw, routes, parsed), null);
    }

    /// <summary>
    /// What the ingest takes of a verified body: the changes of its verified numbers (of every number when the
    /// platform's secret signed it, so that numbers nobody registered are logged) and its template statuses.
    /// </summary>
    public static IngestWebhook Ingest(RawWebhook raw, WebhookRoutes routes, ParsedWebhook parsed)
    {
        ArgumentNullException.ThrowIfNull(routes);
        ArgumentNullException.ThrowIfNull(parsed);
        var changes = parsed.InboundChanges.Where(c => routes.SignedByPlatform || routes.ByPhoneNumber.ContainsKey(c.PhoneNumberId)).ToList();
        return new IngestWebhook(raw, routes, changes) { TemplateStatuses = parsed.TemplateStatuses, HealthReports = parsed.HealthReports };
    }

    /// <summary>The numbers of the WABAs whose template statuses or health changes the body carries, of the tenants that signed it.</summary>
    private async Task<IReadOnlyList<PhoneNumberRoute>> TemplateRoutesAsync(ParsedWebhook parsed, IReadOnlyList<Guid> tenantIds, CancellationToken cancellationToken)
    {
        if (parsed.WabaIds.Count == 0 || tenantIds.Count == 0)
        {
            return [];
        }

        var wabaRoutes = await directory.FindByWabaAsync(parsed.WabaIds, cancellationToken);
        return [.. wabaRoutes.Where(r => tenantIds.Contains(r.TenantId))];
    }

    /// <summary>Whether the platform's app secret, or that of a number the (malformed) body appears to name, signed it.</summary>
    private async Task<bool> IsSignedByCandidateAsync(byte[] body, Signatures signatures, CancellationToken cancellationToken)
    {
        if (signatures.ByPlatform)
        {
            return true;
        }

        var candidates = WebhookRouting.ScanPhoneNumberIds(body);
        return candidates.Count > 0 && (await directory.FindAsync(candidates, cancellationToken)).Values.Any(r => signatures.By(r.AppSecret));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook for unregistered phone_number_id(s) {PhoneNumberIds}: no secret to verify it; acknowledged, nothing stored")]
    private static partial void LogUnverifiable(ILogger logger, string phoneNumberIds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A signed webhook could not be parsed: {Reason}")]
    private static partial void LogUnparsable(ILogger logger, string reason);

    /// <summary>The body's signature checked against secrets: one HMAC per distinct secret, however many numbers share it.</summary>
    private sealed class Signatures(byte[] body, string signature, byte[]? platformSecret)
    {
        private readonly Dictionary<string, bool> _verdicts = new(StringComparer.Ordinal);
        private bool? _byPlatform;

        public bool HasPlatformSecret => platformSecret is not null;

        public bool ByPlatform => _byPlatform ??= platformSecret is not null && WebhookSignature.IsValid(body, signature, platformSecret);

        public bool By(byte[] secret)
        {
            var key = Convert.ToBase64String(secret);
            if (!_verdicts.TryGetValue(key, out var valid))
            {
                valid = WebhookSignature.IsValid(body, signature, secret);
                _verdicts[key] = valid;
            }

            return valid;
        }
    }
}
