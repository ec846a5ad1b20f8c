using PesanAI.Domain.Conversations;
using PesanAI.Domain.Messaging;

namespace PesanAI.Application.WhatsApp;

/// <summary>A number's credentials for Meta's Graph API (the access token decrypted only for the call).</summary>
public sealed record SenderAccount(string PhoneNumberId, string WabaId, string AccessToken);

/// <summary>
/// Meta's send API. Implementations never retry a request that may have reached Meta: an unclear end is
/// <see cref="SendOutcome.InDoubt"/>, and only <see cref="SendOutcome.NotReached"/> may be tried again.
/// </summary>
public interface IWhatsAppSender
{
    Task<SendOutcome> SendAsync(SenderAccount account, MessageQueued message, CancellationToken cancellationToken);

    /// <summary>
    /// Tells Meta the business read up to <paramref name="wamid"/>, with <paramref name="showTyping"/> also showing
    /// "typing…"; throws <c>UnavailableException</c> when Meta cannot be reached.
    /// </summary>
    Task MarkReadAsync(SenderAccount account, string wamid, bool showTyping, CancellationToken cancellationToken);

    /// <summary>Submits a template for review; returns Meta's template id and status.</summary>
    Task<TemplateSubmission> SubmitTemplateAsync(SenderAccount account, TemplateDraft draft, CancellationToken cancellationToken);

    /// <summary>
    /// One page of the WABA's templates as Meta lists them (<c>GET /{waba-id}/message_templates</c>), optionally only
    /// those of one name (and language); throws <see cref="GraphApiException"/> when Meta refuses, <c>UnavailableException</c>
    /// when it cannot be reached.
    /// </summary>
    Task<TemplatePage> ListTemplatesAsync(SenderAccount account, TemplateQuery query, CancellationToken cancellationToken);
}

/// <summary>Which templates to list: by name and language, from the cursor <see cref="After"/> (null: the first page).</summary>
public sealed record TemplateQuery(string? Name = null, string? Language = null, string? After = null);

/// <summary>A page of Meta's list and the cursor of the next one (null: this was the last).</summary>
public sealed record TemplatePage(IReadOnlyList<RemoteTemplate> Templates, string? After);

/// <summary>
/// A template as Meta's list shows it. <see cref="Category"/> and <see cref="Status"/> are null for values PesanAI
/// does not know (the template is then left out of an import, and logged).
/// </summary>
public sealed record RemoteTemplate(
    string MetaTemplateId,
    string Name,
    string Language,
    TemplateCategory? Category,
    TemplateStatus? Status,
    string? RawStatus,
    TemplateParameterFormat ParameterFormat,
    IReadOnlyList<TemplateComponent> Components,
    TemplateQuality Quality);

public sealed record TemplateDraft(string Name, string Language, TemplateCategory Category, IReadOnlyList<TemplateComponent> Components)
{
    public TemplateParameterFormat ParameterFormat => TemplatePlaceholders.FormatOf(Components);
}

public sealed record TemplateSubmission(string MetaTemplateId, TemplateStatus Status);

/// <summary>Meta refused a call that is not a send (a template submission, mark-as-read), with Meta's code.</summary>
public sealed class GraphApiException(MessageError error) : Exception($"Meta refused the call: {error.Code} {error.Title}")
{
    public MessageError Error { get; } = error;
}
