using CsCheck;
using PesanAI.Domain.Knowledge;
using static PesanAI.Domain.UnitTests.Knowledge.KnowledgeHistory;

namespace PesanAI.Domain.UnitTests.Knowledge;

public sealed class KnowledgePropertyTests
{
    // Few distinct questions and answers, so that repeats and changes come up.
    private static readonly Gen<KnowledgeDraft> Drafts = Gen.Select(Gen.Int[0, 6], Gen.Int[0, 2], (q, a) => Draft($"Pertanyaan {q}?", $"Jawaban {a}."));

    [Fact]
    public void Importing_a_list_twice_records_nothing_the_second_time_and_holds_one_entry_per_question()
    {
        Drafts.Array[1, 12].Select(d => d.DistinctBy(x => KnowledgeRules.QuestionKey(x.Question)).ToArray()).Sample(drafts =>
        {
            var once = Fold(null, Import(null, drafts));
            var twice = Import(once, drafts);

            return twice.Count == 0 && once!.Entries.Count == drafts.Length
                && drafts.All(d => once.FindByQuestion(d.Question!)!.Answer == d.Answer);
        });
    }

    [Fact]
    public void Upserts_in_any_order_end_with_the_last_answer_given_to_each_question()
    {
        Drafts.Array[1, 20].Sample(drafts =>
        {
            KnowledgeBase? state = null;
            foreach (var draft in drafts)
            {
                state = Fold(state, Upsert(state, draft));
            }

            var last = drafts.GroupBy(d => d.Question).ToDictionary(g => g.Key!, g => g.Last().Answer);
            return state!.Entries.Count == last.Count && state.Entries.All(e => last[e.Question] == e.Answer);
        });
    }
}
