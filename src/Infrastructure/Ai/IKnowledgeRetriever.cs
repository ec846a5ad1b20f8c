using PesanAI.Domain.Knowledge;

namespace PesanAI.Infrastructure.Ai;

/// <summary>
/// The entries of a tenant's knowledge base that best match a message, strongest first, with the relative confidence
/// of the best one (<see cref="ReplyDecider.Confidence"/>), the number of entries the base holds and its version.
/// </summary>
public sealed record KnowledgeRetrieval(IReadOnlyList<KnowledgeEntry> Entries, double Confidence, int EntryCount, long KnowledgeVersion);

/// <summary>Retrieval over the tenant's knowledge base (the embedded responder's index), for an external model's prompt.</summary>
public interface IKnowledgeRetriever
{
    ValueTask<KnowledgeRetrieval> RetrieveAsync(Guid tenantId, string text, int count, CancellationToken cancellationToken);
}
