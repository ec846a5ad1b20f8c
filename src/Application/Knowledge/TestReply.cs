using Mediator;
using PesanAI.Application.Common;
using PesanAI.Domain.Knowledge;

namespace PesanAI.Application.Knowledge;

/// <summary>
/// A dry run of the embedded responder on the tenant's knowledge base: what it would answer to <see cref="Text"/>, or
/// why it would hand off. Nothing is sent or stored. <see cref="Threshold"/> tries another confidence threshold.
/// </summary>
public sealed record TestReply(string? Text, double? Threshold) : IQuery<KnowledgeReply>, IValidatable
{
    /// <summary>A customer's message is a WhatsApp text: at most 4,096 characters.</summary>
    public const int MaxTextLength = KnowledgeRules.MaxAnswerLength;

    public IEnumerable<FieldViolation> Validate()
    {
        foreach (var violation in Check.Required("text", Text, MaxTextLength))
        {
            yield return violation;
        }

        if (Threshold is { } threshold && (double.IsNaN(threshold) || threshold < 0 || threshold > 1))
        {
            yield return new FieldViolation("threshold", "must be between 0 and 1");
        }
    }
}

public sealed class TestReplyHandler(IKnowledgeResponder responder, ICurrentActor actor) : IQueryHandler<TestReply, KnowledgeReply>
{
    public async ValueTask<KnowledgeReply> Handle(TestReply query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var policy = query.Threshold is { } threshold ? ReplyPolicy.Default with { Threshold = threshold } : ReplyPolicy.Default;
        var reply = await responder.DecideAsync(TenantOwned.TenantOf(actor), query.Text!, policy, cancellationToken);
        return reply with { Explanation = ReplyExplanation.Of(reply, policy.Threshold) };
    }
}
