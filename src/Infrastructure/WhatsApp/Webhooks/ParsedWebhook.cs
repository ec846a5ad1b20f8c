using PesanAI.Domain.Conversations;

namespace PesanAI.Infrastructure.WhatsApp.Webhooks;

/// <summary>
/// A webhook body parsed into PesanAI's types: every change of every entry, in Meta's order. Items whose own
/// shape is broken are left out and named in <see cref="Problems"/> (a JSON path and a reason, never a value,
/// so the list can be logged).
/// </summary>
public sealed record ParsedWebhook(IReadOnlyList<WebhookChange> Changes, IReadOnlyList<string> Problems);

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

    public IReadOnlyList<UserPreferenceUpdate> UserPreferences { get; init; } = [];

    public TemplateStatusUpdate? TemplateStatus { get; init; }

    public UnhandledChange? Unhandled { get; init; }
}

/// <summary>
/// An inbound message with what the domain record has no place for: the message's own <c>errors[]</c>
/// (e.g. 131051 on unsupported messages) and the customer's WhatsApp username
/// (<c>contacts[].profile.username</c>), when they have one.
/// </summary>
public sealed record WebhookMessage(InboundMessage Message, IReadOnlyList<MessageError> Errors, string? Username = null);

/// <summary>
/// A status with what the domain record has no place for. <see cref="RawStatus"/> is Meta's status string:
/// one PesanAI does not know maps to <see cref="DeliveryStatus.Unknown"/>, which never moves a message.
/// </summary>
public sealed record WebhookStatus(StatusUpdate Update, string RawStatus, string? RecipientUserId = null, string? BizOpaqueCallbackData = null);

/// <summary>
/// <c>user_preferences</c>: a customer stopped or resumed a category of messages (today only
/// <c>marketing_messages</c>; <see cref="Value"/> is <c>stop</c> or <c>resume</c>).
/// </summary>
public sealed record UserPreferenceUpdate(CustomerIdentity Customer, string Category, string Value, string? Detail, DateTimeOffset At)
{
    public bool IsStop => Value == "stop";

    public bool IsResume => Value == "resume";
}

/// <summary>
/// <c>message_template_status_update</c>: <see cref="Event"/> is Meta's event (APPROVED, REJECTED, PAUSED,
/// DISABLED, PENDING_DELETION, ...). <see cref="TemplateId"/> comes as a number and keeps its exact digits.
/// <see cref="Reason"/> is NONE when there is none and null when Meta sends null (scheduled deletion).
/// </summary>
public sealed record TemplateStatusUpdate(string Event, string? TemplateId, string? Name, string? Language, string? Reason)
{
    public string? Category { get; init; }

    public DateTimeOffset? DisabledAt { get; init; }

    /// <summary><c>other_info.title</c> (FIRST_PAUSE, SECOND_PAUSE, UNPAUSE, ...) and <c>other_info.description</c>.</summary>
    public string? InfoTitle { get; init; }

    public string? InfoDescription { get; init; }

    /// <summary><c>rejection_info.reason</c> and <c>rejection_info.recommendation</c> (INVALID_FORMAT rejections).</summary>
    public string? RejectionDetail { get; init; }

    public string? Recommendation { get; init; }
}

/// <summary>A change of a field PesanAI does not handle (account_alerts, phone_number_quality_update, ...).</summary>
public sealed record UnhandledChange(string Field, string ValueJson);
