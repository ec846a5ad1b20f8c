using PesanAI.Application.Inbound;
using PesanAI.Application.Templates;
using PesanAI.Domain.Conversations;

namespace PesanAI.Infrastructure.WhatsApp.Webhooks;

/// <summary>
/// A webhook body parsed into PesanAI's types: every change of every entry, in Meta's order. Items whose own
/// shape is broken are left out and named in <see cref="Problems"/> (a JSON path and a reason, never a value,
/// so the list can be logged).
/// </summary>
public sealed record ParsedWebhook(IReadOnlyList<WebhookChange> Changes, IReadOnlyList<string> Problems)
{
    /// <summary>
    /// What the ingest takes, per change routed by a phone number: the very domain records the parse produced
    /// (no copies), without what only the parse reports (errors, usernames, Meta's raw status strings).
    /// </summary>
    public IReadOnlyList<InboundChange> InboundChanges { get; } =
    [
        .. Changes
            .Where(c => c.PhoneNumberId is not null && (c.Messages.Count > 0 || c.Statuses.Count > 0 || c.UserPreferences.Count > 0))
            .Select(c => new InboundChange(c.PhoneNumberId!, [.. c.Messages.Select(m => m.Message)], [.. c.Statuses.Select(s => s.Update)])
            {
                Preferences = c.UserPreferences,
            }),
    ];

    /// <summary>The template status updates of entries that name their WhatsApp Business Account.</summary>
    public IReadOnlyList<TemplateStatusReport> TemplateStatuses { get; } =
        [.. Changes.Where(c => c.WabaId is not null).Select(c => c.TemplateStatus).OfType<TemplateStatusReport>()];

    /// <summary>The number-health changes (quality, limit, account updates), routed by their WABA like template statuses.</summary>
    public IReadOnlyList<Application.Inbound.HealthReport> HealthReports { get; } =
        [.. Changes.Select(c => c.Health).OfType<Application.Inbound.HealthReport>()];

    /// <summary>The WABAs whose numbers the template statuses and health changes go to.</summary>
    public IReadOnlyList<string> WabaIds => [.. TemplateStatuses.Select(r => r.WabaId).Concat(HealthReports.Select(r => r.WabaId)).Distinct()];
}

/// <summary>
/// One <c>entry[].changes[]</c> element. <see cref="PhoneNumberId"/> is the routing key (null for fields
/// without metadata, such as <c>message_template_status_update</c>, which route by <see cref="WabaId"/>).
/// Exactly the lists for <see cref="Field"/> are filled; a field PesanAI does not handle keeps its value in
/// <see cref="Unhandled"/>.
/// </summary>
public sealed record WebhookChange(string Field, string? WabaId, string? PhoneNumberId, string? DisplayPhoneNumber)
{
    public IReadOnlyList<WebhookMessage> Messages { get; init; } = [];

    public IReadOnlyList<WebhookStatus> Statuses { get; init; } = [];

    /// <summary><c>value.errors[]</c>: problems Meta reports for the change as a whole.</summary>
    public IReadOnlyList<MessageError> Errors { get; init; } = [];

    public IReadOnlyList<CustomerPreference> UserPreferences { get; init; } = [];

    public TemplateStatusReport? TemplateStatus { get; init; }

    /// <summary><c>phone_number_quality_update</c>, <c>business_capability_update</c> or <c>account_update</c>.</summary>
    public Application.Inbound.HealthReport? Health { get; init; }

    public UnhandledChange? Unhandled { get; init; }
}

/// <summary>
/// An inbound message with what the domain record has no place for: the message's own <c>errors[]</c>
/// (e.g. 131051 on unsupported messages) and the customer's WhatsApp username
/// (<c>contacts[].profile.username</c>), when they have one.
/// </summary>
public sealed record WebhookMessage(InboundMessage Message, IReadOnlyList<MessageError> Errors, string? Username = null);

/// <summary>
/// A status with Meta's status string, which the domain record has no place for: one PesanAI does not know maps
/// to <see cref="DeliveryStatus.Unknown"/>, which never moves a message.
/// </summary>
public sealed record WebhookStatus(StatusUpdate Update, string RawStatus);

/// <summary>A change of a field PesanAI does not handle (account_alerts, phone_number_quality_update, ...).</summary>
public sealed record UnhandledChange(string Field, string ValueJson);
