using PesanAI.Domain.Common;
using PesanAI.Domain.Knowledge;
using static PesanAI.Domain.UnitTests.Knowledge.KnowledgeHistory;

namespace PesanAI.Domain.UnitTests.Knowledge;

public sealed class KnowledgeDeciderTests
{
    [Fact]
    public void A_first_entry_starts_the_knowledge_base_normalized()
    {
        var id = Guid.NewGuid();

        var events = Upsert(null, Draft("  Jam buka toko?  ", "  09.00–21.00 WIB.\n", [" Jam Buka ", "jam buka", "HOURS"], "ID"), newId: id);

        var upserted = Assert.IsType<KnowledgeEntryUpserted>(Assert.Single(events));
        Assert.Equal(BaseId, upserted.KnowledgeBaseId);
        Assert.Equal(id, upserted.EntryId);
        Assert.Equal("Jam buka toko?", upserted.Question);
        Assert.Equal("09.00–21.00 WIB.", upserted.Answer);
        Assert.Equal(["jam buka", "hours"], upserted.Tags);
        Assert.Equal("id", upserted.Language);
        var state = Fold(null, events)!;
        Assert.Equal(id, Assert.Single(state.Entries).Id);
        Assert.Equal(Now, state.Entries[0].CreatedAt);
    }

    [Fact]
    public void Upserting_the_same_question_changes_that_entry_and_saying_it_again_records_nothing()
    {
        var id = Guid.NewGuid();
        var state = Given(Upserted(id));

        var same = Upsert(state, Draft("jam BUKA toko", "09.00–21.00 WIB.", ["jam buka"]) with { Question = "Jam buka toko?" });
        var changed = Upsert(state, Draft("jam buka  TOKO!", "10.00–22.00 WIB."));

        Assert.Empty(same);
        var upserted = Assert.IsType<KnowledgeEntryUpserted>(Assert.Single(changed));
        Assert.Equal(id, upserted.EntryId);
        Assert.Equal("10.00–22.00 WIB.", Fold(state, changed)!.Find(id)!.Answer);
        Assert.Equal(Earlier, Fold(state, changed)!.Find(id)!.CreatedAt);
    }

    [Fact]
    public void Alternative_phrasings_are_stored_trimmed_without_repeats_and_a_new_list_replaces_the_old()
    {
        var id = Guid.NewGuid();
        var draft = Draft() with { Alternatives = ["  What time do you open? ", "what time do you open", "jam buka toko", "buka jam brp kak?"] };

        var events = Upsert(null, draft, newId: id);
        var state = Fold(null, events)!;
        var again = Upsert(state, draft);
        var replaced = Upsert(state, Draft() with { Alternatives = ["Opening hours?"] });

        // The repeat (case and closing punctuation aside) and the question itself are dropped.
        Assert.Equal(["What time do you open?", "buka jam brp kak?"], Assert.IsType<KnowledgeEntryUpserted>(Assert.Single(events)).Alternatives);
        Assert.Equal(["What time do you open?", "buka jam brp kak?"], state.Find(id)!.Alternatives);
        Assert.Empty(again);
        Assert.Equal(["Opening hours?"], Fold(state, replaced)!.Find(id)!.Alternatives);
    }

    [Fact]
    public void An_entry_recorded_before_alternatives_existed_has_none()
    {
        var id = Guid.NewGuid();
        var old = Upserted(id);

        var state = Fold(null, [old])!;

        Assert.Null(old.Alternatives);
        Assert.Empty(state.Find(id)!.Alternatives);
        Assert.Empty(Upsert(state, Draft()));
    }

    [Fact]
    public void Too_many_or_blank_or_overlong_alternatives_are_named()
    {
        var many = Draft() with { Alternatives = [.. Enumerable.Range(0, KnowledgeRules.MaxAlternatives + 1).Select(i => $"q{i}")] };
        var bad = Draft() with { Alternatives = ["fine", " ", new string('x', KnowledgeRules.MaxAlternativeLength + 1), "two\nlines"] };

        Assert.Equal(["alternatives"], KnowledgeRules.Check(many).Select(p => p.Field));
        Assert.Equal(["e.alternatives[1]", "e.alternatives[2]", "e.alternatives[3]"], KnowledgeRules.Check(bad, "e.").Select(p => p.Field));
        Assert.All(KnowledgeRules.Check(bad), p => Assert.Equal("ALTERNATIVE_INVALID", p.Reason));
    }

    [Fact]
    public void An_entry_named_by_id_must_exist_and_may_not_take_another_entrys_question()
    {
        var first = Guid.NewGuid();
        var second = Guid.NewGuid();
        var state = Given(Upserted(first), Upserted(second, "Kurir apa saja?", "JNE."));

        var missing = Assert.Throws<DomainException>(() => Upsert(state, Draft(), Guid.NewGuid()));
        var taken = Assert.Throws<DomainException>(() => Upsert(state, Draft("Jam buka toko", "x"), second));
        var renamed = Upsert(state, Draft("Ekspedisi apa saja?", "JNE."), second);

        Assert.Equal(("ENTRY_NOT_FOUND", RuleKind.NotFound), (missing.Reason, missing.Kind));
        Assert.Equal(("QUESTION_TAKEN", RuleKind.AlreadyExists), (taken.Reason, taken.Kind));
        Assert.Equal(second, Assert.IsType<KnowledgeEntryUpserted>(Assert.Single(renamed)).EntryId);
    }

    [Theory]
    [InlineData("", "x", "QUESTION_REQUIRED")]
    [InlineData("q", " ", "ANSWER_REQUIRED")]
    [InlineData("q", null, "ANSWER_REQUIRED")]
    public void Empty_questions_and_answers_are_refused(string? question, string? answer, string reason)
    {
        var refused = Assert.Throws<DomainException>(() => KnowledgeDecider.Upsert(null, BaseId, null, new KnowledgeDraft(question, answer, null, null), Guid.NewGuid(), Now));

        Assert.Equal(reason, refused.Reason);
    }

    [Fact]
    public void An_answer_longer_than_a_WhatsApp_text_and_too_many_tags_are_refused()
    {
        var longAnswer = Assert.Throws<DomainException>(() => Upsert(null, Draft(answer: new string('a', KnowledgeRules.MaxAnswerLength + 1))));
        var tags = Assert.Throws<DomainException>(() => Upsert(null, Draft(tags: [.. Enumerable.Range(0, KnowledgeRules.MaxTags + 1).Select(i => $"t{i}")])));

        Assert.Equal("ANSWER_TOO_LONG", longAnswer.Reason);
        Assert.Equal("TOO_MANY_TAGS", tags.Reason);
        Assert.Single(Upsert(null, Draft(answer: new string('a', KnowledgeRules.MaxAnswerLength))));
    }

    [Fact]
    public void A_full_knowledge_base_takes_no_new_entry_but_still_changes_its_entries()
    {
        var entries = Enumerable.Range(0, KnowledgeRules.MaxEntries).Select(i => Upserted(Guid.NewGuid(), $"Pertanyaan {i}", "Jawaban")).ToArray();
        var state = Given(entries)!;

        var full = Assert.Throws<DomainException>(() => Upsert(state, Draft("Pertanyaan baru", "Jawaban")));
        var changed = Upsert(state, Draft("Pertanyaan 7", "Jawaban baru"));

        Assert.Equal("KNOWLEDGE_BASE_FULL", full.Reason);
        Assert.Single(changed);
    }

    [Fact]
    public void An_import_adds_new_questions_changes_known_ones_and_skips_what_is_already_said()
    {
        var known = Guid.NewGuid();
        var same = Guid.NewGuid();
        var state = Given(Upserted(known), Upserted(same, "Kurir apa saja?", "JNE."));

        var events = Import(state, Draft("Jam buka toko", "Setiap hari."), Draft("Kurir apa saja?", "JNE.", ["jam buka"]), Draft("Ada COD?", "Ada."));

        var upserts = events.Cast<KnowledgeEntryUpserted>().ToList();
        Assert.Equal(2, upserts.Count);
        Assert.Equal(known, upserts[0].EntryId);
        Assert.Equal("Ada COD?", upserts[1].Question);
        Assert.Equal(3, Fold(state, events)!.Entries.Count);
    }

    [Fact]
    public void An_import_is_all_or_nothing()
    {
        var bad = Assert.Throws<DomainException>(() => Import(null, Draft("A?", "a"), Draft("B?", "")));
        var duplicate = Assert.Throws<DomainException>(() => Import(null, Draft("A?", "a"), Draft("a", "b")));
        var empty = Assert.Throws<DomainException>(() => Import(null));

        Assert.Equal("ANSWER_REQUIRED", bad.Reason);
        Assert.Contains("entries[1].answer", bad.Message, StringComparison.Ordinal);
        Assert.Equal("DUPLICATE_QUESTION", duplicate.Reason);
        Assert.Equal("IMPORT_EMPTY", empty.Reason);
    }

    [Fact]
    public void Deleting_removes_the_entry_and_an_unknown_one_is_not_found()
    {
        var id = Guid.NewGuid();
        var state = Given(Upserted(id));

        var events = KnowledgeDecider.Delete(state, id, Now);
        var after = Fold(state, events)!;
        var again = Assert.Throws<DomainException>(() => KnowledgeDecider.Delete(after, id, Now));
        var none = Assert.Throws<DomainException>(() => KnowledgeDecider.Delete(null, id, Now));

        Assert.Equal(new KnowledgeEntryDeleted(BaseId, id, Now), Assert.Single(events));
        Assert.Empty(after.Entries);
        Assert.Equal("ENTRY_NOT_FOUND", again.Reason);
        Assert.Equal(RuleKind.NotFound, none.Kind);
    }

    [Theory]
    [InlineData("Jam buka toko?", "jam buka toko")]
    [InlineData("  JAM   buka\ttoko ?! ", "jam buka toko")]
    [InlineData("Ｊａｍ buka", "jam buka")]
    public void Questions_are_the_same_whatever_their_case_spacing_and_closing_punctuation(string question, string key) =>
        Assert.Equal(key, KnowledgeRules.QuestionKey(question));
}
