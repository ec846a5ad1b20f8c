namespace PesanAI.Application.Messaging;

/// <summary>
/// A used <c>request_id</c> of the tenant (its primary key makes reuse a database conflict, also under races):
/// the message it created, and a fingerprint of the request to tell a retry from a different request.
/// </summary>
public sealed record SendRequestKey(string Id, Guid MessageId, Guid ConversationId, string Fingerprint, DateTimeOffset CreatedAt);
