using System.Text.Json;

namespace PesanAI.CloudApiEmulator.Messaging;

/// <summary>A send the emulator accepted, as /_emulator/messages shows it.</summary>
public sealed record AcceptedSend(
    string Wamid,
    string PhoneNumberId,
    string To,
    string Type,
    JsonElement Request,
    string? BizOpaqueCallbackData,
    string? ContextMessageId,
    DateTimeOffset AcceptedAt)
{
    /// <summary>The media id a media send (or a template's media header) referenced (its bytes stay readable at <c>/_emulator/media/{id}</c>).</summary>
    public string? MediaId { get; init; }

    /// <summary>Sent by business-scoped user id: <see cref="To"/> is the BSUID, and its statuses name only it.</summary>
    public bool ToUserId { get; init; }

    /// <summary>A template send as resolved against its template: filled header and body, button parameters.</summary>
    public SentTemplate? Template { get; init; }
}
