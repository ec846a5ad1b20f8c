extern alias client;

using client::PesanAI.Protos.Knowledge.V1;
using static PesanAI.FunctionalTests.Knowledge.KnowledgeBed;

namespace PesanAI.FunctionalTests.Knowledge;

/// <summary>The embedded responder's dry run over a real channel: it answers from the tenant's entries as they are now.</summary>
public sealed class TestReplyTests(PesanAiApp app) : IClassFixture<PesanAiApp>
{
    private readonly KnowledgeBed _bed = new(app);

    [Fact]
    public async Task An_empty_knowledge_base_hands_off()
    {
        var shop = await _bed.TenantAsync();

        var reply = await shop.Knowledge.TestReplyAsync(new TestReplyRequest { Text = "toko buka jam berapa?" });

        Assert.Equal(Decision.Handoff, reply.Decision);
        Assert.Equal("EMPTY_KNOWLEDGE_BASE", reply.Reason);
        Assert.Equal(string.Empty, reply.ReplyText);
        Assert.Equal(0, reply.Version);
    }

    [Fact]
    public async Task A_matching_question_gets_the_entrys_answer_verbatim_and_nothing_is_stored()
    {
        var shop = await _bed.TenantAsync();
        var import = await shop.Knowledge.ImportEntriesAsync(ShopImport());

        var hours = await shop.Knowledge.TestReplyAsync(new TestReplyRequest { Text = "kak, toko buka jam berapa ya?" });
        var cod = await shop.Knowledge.TestReplyAsync(new TestReplyRequest { Text = "bisa cod gak?" });

        Assert.Equal(Decision.Reply, hours.Decision);
        Assert.Equal("MATCHED", hours.Reason);
        Assert.Equal("Senin–Sabtu 09.00–21.00 WIB, Minggu 10.00–18.00 WIB.", hours.ReplyText);
        Assert.Equal([import.EntryIds[1]], hours.EntryIds);
        Assert.InRange(hours.Score, 0.3, 1);
        Assert.Equal(import.EntryIds[2], Assert.Single(cod.EntryIds));
        Assert.Equal(import.Version, (await shop.Knowledge.ListEntriesAsync(new ListEntriesRequest())).Version);
    }

    [Fact]
    public async Task An_alternative_phrasing_answers_a_question_the_entry_itself_does_not_word()
    {
        var shop = await _bed.TenantAsync();
        await shop.Knowledge.ImportEntriesAsync(ShopImport());
        const string Question = "Is there internet access for customers?";

        var before = await shop.Knowledge.TestReplyAsync(new TestReplyRequest { Text = Question });
        var upsert = await shop.Knowledge.UpsertEntryAsync(new UpsertEntryRequest
        {
            Question = "Apakah ada wifi di toko?",
            Answer = "Ada, wifi gratis: Batik-Sekar, kata sandi di kasir.",
            Alternatives = { "Do you have internet access?", "  ada wifi gk kak  ", "Do you have internet access" },
        });
        var after = await shop.Knowledge.TestReplyAsync(new TestReplyRequest { Text = Question });
        var listed = await shop.Knowledge.ListEntriesAsync(new ListEntriesRequest());

        Assert.Equal(Decision.Handoff, before.Decision);
        Assert.Equal(["Do you have internet access?", "ada wifi gk kak"], upsert.Entry.Alternatives);
        Assert.Equal((Decision.Reply, "Ada, wifi gratis: Batik-Sekar, kata sandi di kasir."), (after.Decision, after.ReplyText));
        Assert.Equal(upsert.Entry.EntryId, Assert.Single(after.EntryIds));
        Assert.Equal(upsert.Entry.Alternatives, listed.Entries.Single(e => e.EntryId == upsert.Entry.EntryId).Alternatives);
    }

    [Fact]
    public async Task The_dry_run_shows_the_entries_it_weighed_and_what_to_change()
    {
        var shop = await _bed.TenantAsync();
        var import = await shop.Knowledge.ImportEntriesAsync(ShopImport());

        var hours = await shop.Knowledge.TestReplyAsync(new TestReplyRequest { Text = "kak, toko buka jam berapa ya?" });
        var strict = await shop.Knowledge.TestReplyAsync(new TestReplyRequest { Text = "kak, toko buka jam berapa ya?", Threshold = 0.999 });
        var unknown = await shop.Knowledge.TestReplyAsync(new TestReplyRequest { Text = "apakah kalian jual iphone 15?" });

        var best = hours.Candidates[0];
        Assert.Equal((import.EntryIds[1], "Jam buka toko kapan saja?"), (best.EntryId, best.Question));
        Assert.InRange(hours.Candidates.Count, 1, 5);
        Assert.Equal(hours.Candidates.OrderByDescending(c => c.Strength).Select(c => c.EntryId), hours.Candidates.Select(c => c.EntryId));
        Assert.Equal(best.Score * best.Coverage, best.Strength, 6);
        Assert.Contains("\"Jam buka toko kapan saja?\"", hours.Explanation, StringComparison.Ordinal);

        // The same message under a threshold it does not reach: handed off, naming the entry to strengthen.
        Assert.Equal(("LOW_MARGIN", import.EntryIds[1]), (strict.Reason, strict.Candidates[0].EntryId));
        Assert.Contains("under the threshold 1.00", strict.Explanation, StringComparison.Ordinal);
        Assert.Contains("\"Jam buka toko kapan saja?\"", strict.Explanation, StringComparison.Ordinal);
        Assert.Equal("NO_MATCH", unknown.Reason);
        Assert.Contains("add an entry", unknown.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Asking_for_a_person_or_something_unknown_hands_off_with_a_reason()
    {
        var shop = await _bed.TenantAsync();
        await shop.Knowledge.ImportEntriesAsync(ShopImport());

        var person = await shop.Knowledge.TestReplyAsync(new TestReplyRequest { Text = "ongkirnya berapa? mau bicara dengan admin" });
        var unknown = await shop.Knowledge.TestReplyAsync(new TestReplyRequest { Text = "apakah kalian jual iphone 15?" });

        Assert.Equal(Decision.Handoff, person.Decision);
        Assert.Equal("HANDOFF_KEYWORD", person.Reason);
        Assert.Equal(Decision.Handoff, unknown.Decision);
        Assert.Equal("NO_MATCH", unknown.Reason);
        Assert.Equal(string.Empty, unknown.ReplyText);
    }

    [Fact]
    public async Task A_threshold_above_the_score_hands_off_what_the_default_answers()
    {
        var shop = await _bed.TenantAsync();
        await shop.Knowledge.ImportEntriesAsync(ShopImport());
        var question = new TestReplyRequest { Text = "kak, toko buka jam berapa ya?" };

        var lenient = await shop.Knowledge.TestReplyAsync(question);
        question.Threshold = lenient.Score + 0.01;
        var strict = await shop.Knowledge.TestReplyAsync(question);

        Assert.Equal(Decision.Reply, lenient.Decision);
        Assert.InRange(lenient.Score, 0.45, 0.98);
        Assert.Equal(Decision.Handoff, strict.Decision);
        Assert.Equal("LOW_MARGIN", strict.Reason);
        Assert.Equal(lenient.Score, strict.Score);
        Assert.Equal(lenient.EntryIds, strict.EntryIds);
    }

    [Fact]
    public async Task The_index_follows_upserts_and_deletes()
    {
        var shop = await _bed.TenantAsync();
        var import = await shop.Knowledge.ImportEntriesAsync(ShopImport());
        var question = new TestReplyRequest { Text = "berapa ongkirnya?" };
        Assert.Equal("Ongkir dihitung saat checkout; gratis ongkir untuk belanja minimal Rp200.000.", (await shop.Knowledge.TestReplyAsync(question)).ReplyText);

        await shop.Knowledge.UpsertEntryAsync(new UpsertEntryRequest { EntryId = import.EntryIds[0], Question = "Berapa ongkos kirimnya?", Answer = "Gratis ongkir ke seluruh Indonesia!", Tags = { "ongkir" } });
        var updated = await shop.Knowledge.TestReplyAsync(question);
        await shop.Knowledge.DeleteEntryAsync(new DeleteEntryRequest { EntryId = import.EntryIds[0] });
        var deleted = await shop.Knowledge.TestReplyAsync(question);
        var added = await shop.Knowledge.UpsertEntryAsync(Entry("Apakah ada cicilan?", "Ada, cicilan 0% 3 bulan.", "cicilan", "paylater"));
        var newEntry = await shop.Knowledge.TestReplyAsync(new TestReplyRequest { Text = "ada paylater ga?" });

        Assert.Equal(Decision.Reply, updated.Decision);
        Assert.Equal("Gratis ongkir ke seluruh Indonesia!", updated.ReplyText);
        Assert.Equal(6, updated.Version);
        Assert.Equal(Decision.Handoff, deleted.Decision);
        Assert.DoesNotContain(import.EntryIds[0], deleted.EntryIds);
        Assert.Equal(7, deleted.Version);
        Assert.Equal(Decision.Reply, newEntry.Decision);
        Assert.Equal(added.Entry.EntryId, Assert.Single(newEntry.EntryIds));
    }

    [Fact]
    public async Task Another_node_answers_from_the_changed_knowledge_base_without_being_told()
    {
        var shop = await _bed.TenantAsync();
        await shop.Knowledge.ImportEntriesAsync(ShopImport());
        var (node, address) = await app.StartAnotherNodeAsync();
        try
        {
            var other = _bed.KnowledgeOn(address, shop.Admin);
            var question = new TestReplyRequest { Text = "alamat tokonya dimana?" };
            var before = await other.TestReplyAsync(question);

            await shop.Knowledge.UpsertEntryAsync(new UpsertEntryRequest { Question = "Di mana alamat toko offline?", Answer = "Kami pindah ke Jl. Kaliurang KM 5.", Tags = { "alamat", "lokasi" } });
            var after = await other.TestReplyAsync(question);

            Assert.Equal("Jl. Malioboro No. 123, Yogyakarta.", before.ReplyText);
            Assert.Equal("Kami pindah ke Jl. Kaliurang KM 5.", after.ReplyText);
            Assert.Equal(before.Version + 1, after.Version);
        }
        finally
        {
            await node.StopAsync();
            await node.DisposeAsync();
        }
    }

    [Fact]
    public async Task Tenants_answer_only_from_their_own_knowledge()
    {
        var shop = await _bed.TenantAsync("Toko A");
        var other = await _bed.TenantAsync("Toko B");
        await other.Knowledge.ImportEntriesAsync(ShopImport());

        var reply = await shop.Knowledge.TestReplyAsync(new TestReplyRequest { Text = "bisa cod gak?" });

        Assert.Equal(Decision.Handoff, reply.Decision);
        Assert.Equal("EMPTY_KNOWLEDGE_BASE", reply.Reason);
        Assert.Empty(reply.EntryIds);
    }
}
