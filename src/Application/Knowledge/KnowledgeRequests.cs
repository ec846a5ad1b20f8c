using PesanAI.Application.Common;
using PesanAI.Domain.Knowledge;

namespace PesanAI.Application.Knowledge;

/// <summary>An entry and the knowledge base's version after the change that returned it.</summary>
public sealed record KnowledgeEntryView(KnowledgeEntry Entry, long Version);

/// <summary>Shape checks of knowledge requests, from the domain's own rules so that both say the same.</summary>
internal static class KnowledgeRequests
{
    public static IEnumerable<FieldViolation> Entry(KnowledgeDraft? draft, string prefix = "") => draft is null
        ? [new FieldViolation(prefix.TrimEnd('.'), "is required")]
        : KnowledgeRules.Check(draft, prefix).Select(p => new FieldViolation(p.Field, p.Description));
}
