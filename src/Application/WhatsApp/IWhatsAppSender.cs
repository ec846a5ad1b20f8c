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
}

public sealed record TemplateComponent(string Type, string? Format, string? Text);

public sealed record TemplateDraft(string Name, string Language, TemplateCategory Category, IReadOnlyList<TemplateComponent> Components);

public sealed record TemplateSubmission(string MetaTemplateId, TemplateStatus Status);

/// <summary>Meta refused a call that is not a send (a template submission, mark-as-read), with Meta's code.</summary>
public sealed class GraphApiException(MessageError error) : Exception($"Meta refused the call: {error.Code} {error.Title}")
{
    public MessageError Error { get; } = error;
}
