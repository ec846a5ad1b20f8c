using PesanAI.Domain.Knowledge;

namespace PesanAI.Application.Knowledge;

/// <summary>
/// What the responder decided about a message: the decision, the answer to send (the entry's answer verbatim) when it
/// replies, and the knowledge base's version it decided on.
/// </summary>
public sealed record KnowledgeReply(ReplyDecision Decision, string? ReplyText, long KnowledgeVersion)
{
    /// <summary>The best candidates, strongest first (at most <see cref="ConsideredCandidates"/>): what a dry run explains.</summary>
    public IReadOnlyList<ConsideredCandidate> Candidates { get; init; } = [];

    /// <summary>For a dry run: why it answered or handed off, and what the business can change (<see cref="ReplyExplanation"/>).</summary>
    public string Explanation { get; init; } = string.Empty;

    public const int ConsideredCandidates = 5;
}

/// <summary>An entry the responder weighed, with its question (<see cref="ReplyDecider.Strength"/> ranks them).</summary>
public sealed record ConsideredCandidate(Guid EntryId, string Question, double Strength, double Score, double Coverage);

/// <summary>
/// The embedded responder: answers a customer's message from the tenant's knowledge base, or hands it off. Runs in
/// process, without network or model; always decides on the knowledge base as it is now (on any node).
/// </summary>
public interface IKnowledgeResponder
{
    ValueTask<KnowledgeReply> DecideAsync(Guid tenantId, string text, ReplyPolicy policy, CancellationToken cancellationToken);
}
