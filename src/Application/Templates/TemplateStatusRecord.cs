namespace PesanAI.Application.Templates;

/// <summary>
/// A <c>message_template_status_update</c> for a template of the WhatsApp Business Account <see cref="WabaId"/>, as the
/// webhook parser reads it. <see cref="Event"/> is Meta's event (APPROVED, REJECTED, PAUSED, DISABLED, PENDING_DELETION,
/// ...). <see cref="TemplateId"/> comes as a number and keeps its exact digits. <see cref="Reason"/> is NONE when there
/// is none and null when Meta sends null (scheduled deletion).
/// </summary>
public sealed record TemplateStatusReport(string WabaId, string Event, string? TemplateId, string? Name, string? Language, string? Reason, string? Category)
{
    public DateTimeOffset? DisabledAt { get; init; }

    /// <summary><c>other_info.title</c> (FIRST_PAUSE, SECOND_PAUSE, UNPAUSE, ...) and <c>other_info.description</c>.</summary>
    public string? InfoTitle { get; init; }

    public string? InfoDescription { get; init; }

    /// <summary><c>rejection_info.reason</c> and <c>rejection_info.recommendation</c> (INVALID_FORMAT rejections).</summary>
    public string? RejectionDetail { get; init; }

    public string? Recommendation { get; init; }

    /// <summary>
    /// A <c>message_template_quality_update</c> (<see cref="Event"/> <c>QUALITY_UPDATE</c>): Meta's new score
    /// (GREEN, YELLOW, RED, UNKNOWN).
    /// </summary>
    public string? NewQuality { get; init; }

    /// <summary>
    /// A <c>template_category_update</c> (<see cref="Event"/> <c>CATEGORY_UPDATE</c>): the category now, and for a
    /// notice ahead of the change the category it will take (<see cref="CorrectCategory"/>) at <see cref="CategoryChangeAt"/>.
    /// </summary>
    public string? NewCategory { get; init; }

    public string? CorrectCategory { get; init; }

    public DateTimeOffset? CategoryChangeAt { get; init; }

    public const string QualityUpdate = "QUALITY_UPDATE";

    public const string CategoryUpdate = "CATEGORY_UPDATE";

    /// <summary>What tells two reports apart (a redelivery is the same report).</summary>
    public string Fingerprint => $"{WabaId}:{TemplateId}:{Name}:{Language}:{Event}:{Reason}:{NewQuality}:{NewCategory}:{CorrectCategory}:{CategoryChangeAt:O}";
}

/// <summary>A template's status change as Meta reported it, kept per tenant until templates consume it.</summary>
public sealed record TemplateStatusRecord(Guid Id, TemplateStatusReport Report)
{
    public DateTimeOffset ReceivedAt { get; init; }
}
