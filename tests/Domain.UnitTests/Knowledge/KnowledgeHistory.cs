using PesanAI.Domain.Knowledge;

namespace PesanAI.Domain.UnitTests.Knowledge;

/// <summary>Events and drafts the knowledge tests start from: given events, when decide, then events.</summary>
internal static class KnowledgeHistory
{
    public static readonly Guid BaseId = KnowledgeBase.StreamIdOf(Guid.Parse("0199a4d0-2b3c-7d4e-8f5a-6b7c8d9e0f12"));

    public static readonly DateTimeOffset Earlier = new(2026, 1, 5, 9, 0, 0, TimeSpan.FromHours(7));

    public static readonly DateTimeOffset Now = Earlier.AddHours(1);

    public static KnowledgeDraft Draft(string question = "Jam buka toko?", string answer = "09.00–21.00 WIB.", string[]? tags = null, string language = "id") =>
        new(question, answer, tags ?? ["jam buka"], language);

    public static KnowledgeEntryUpserted Upserted(Guid entryId, string question = "Jam buka toko?", string answer = "09.00–21.00 WIB.", string[]? tags = null) =>
        new(BaseId, entryId, question, answer, tags ?? ["jam buka"], "id", Earlier);

    public static KnowledgeBase? Given(params IKnowledgeEvent[] events) => Fold(null, events);

    public static KnowledgeBase? Fold(KnowledgeBase? state, IEnumerable<object> events) =>
        events.Aggregate(state, (s, e) => s is null ? KnowledgeBase.Start((IKnowledgeEvent)e) : s.Evolve(e));

    public static IReadOnlyList<object> Upsert(KnowledgeBase? state, KnowledgeDraft draft, Guid? entryId = null, Guid? newId = null) =>
        KnowledgeDecider.Upsert(state, BaseId, entryId, draft, newId ?? Guid.NewGuid(), Now);

    public static IReadOnlyList<object> Import(KnowledgeBase? state, params KnowledgeDraft[] drafts) =>
        KnowledgeDecider.Import(state, BaseId, drafts, [.. drafts.Select(_ => Guid.NewGuid())], Now);
}
