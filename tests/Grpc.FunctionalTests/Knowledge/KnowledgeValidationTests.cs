extern alias client;

using client::PesanAI.Protos.Knowledge.V1;
using static PesanAI.FunctionalTests.Knowledge.KnowledgeBed;

namespace PesanAI.FunctionalTests.Knowledge;

public sealed class KnowledgeValidationTests(PesanAiApp app) : IClassFixture<PesanAiApp>
{
    private readonly KnowledgeBed _bed = new(app);

    [Fact]
    public async Task An_empty_entry_names_its_question_and_answer_and_writes_nothing()
    {
        var shop = await _bed.TenantAsync();

        var badRequest = await RpcAssert.InvalidArgument(() => shop.Knowledge.UpsertEntryAsync(new UpsertEntryRequest()).ResponseAsync);

        Assert.Equal(["question", "answer"], badRequest.FieldViolations.Select(v => v.Field));
        Assert.Equal(0, (await shop.Knowledge.ListEntriesAsync(new ListEntriesRequest())).Version);
    }

    [Fact]
    public async Task An_answer_fits_in_one_WhatsApp_text_of_4096_characters()
    {
        var shop = await _bed.TenantAsync();

        var fits = await shop.Knowledge.UpsertEntryAsync(Entry("Panjang?", new string('a', 4096)));
        var badRequest = await RpcAssert.InvalidArgument(() => shop.Knowledge.UpsertEntryAsync(Entry("Terlalu panjang?", new string('a', 4097))).ResponseAsync);

        Assert.Equal(4096, fits.Entry.Answer.Length);
        Assert.Equal("answer", Assert.Single(badRequest.FieldViolations).Field);
    }

    [Fact]
    public async Task Tags_language_and_ids_are_checked()
    {
        var shop = await _bed.TenantAsync();
        var tooMany = Entry("Tag?", "Banyak.", [.. Enumerable.Range(0, 21).Select(i => $"tag{i}")]);
        var badTag = Entry("Tag?", "Satu.", "ok", " ", new string('t', 51));
        var badLanguage = Entry("Bahasa?", "Aneh.");
        badLanguage.Language = "bahasa indonesia";
        var badId = Entry("Id?", "Bukan UUID.");
        badId.EntryId = "entry-1";

        Assert.Equal(["tags"], (await RpcAssert.InvalidArgument(() => shop.Knowledge.UpsertEntryAsync(tooMany).ResponseAsync)).FieldViolations.Select(v => v.Field));
        Assert.Equal(["tags[1]", "tags[2]"], (await RpcAssert.InvalidArgument(() => shop.Knowledge.UpsertEntryAsync(badTag).ResponseAsync)).FieldViolations.Select(v => v.Field));
        Assert.Equal(["language"], (await RpcAssert.InvalidArgument(() => shop.Knowledge.UpsertEntryAsync(badLanguage).ResponseAsync)).FieldViolations.Select(v => v.Field));
        var badAlternatives = Entry("Alternatif?", "Dua buruk.");
        badAlternatives.Alternatives.Add(["ok", "", new string('a', 301)]);
        Assert.Equal(["alternatives[1]", "alternatives[2]"], (await RpcAssert.InvalidArgument(() => shop.Knowledge.UpsertEntryAsync(badAlternatives).ResponseAsync)).FieldViolations.Select(v => v.Field));
        Assert.Equal(["entry_id"], (await RpcAssert.InvalidArgument(() => shop.Knowledge.UpsertEntryAsync(badId).ResponseAsync)).FieldViolations.Select(v => v.Field));
        Assert.Equal(["entry_id"], (await RpcAssert.InvalidArgument(() => shop.Knowledge.DeleteEntryAsync(new DeleteEntryRequest()).ResponseAsync)).FieldViolations.Select(v => v.Field));
    }

    [Fact]
    public async Task Reads_and_dry_runs_check_their_fields()
    {
        var shop = await _bed.TenantAsync();

        var list = await RpcAssert.InvalidArgument(() => shop.Knowledge.ListEntriesAsync(new ListEntriesRequest { PageSize = 201, PageToken = "not-a-token" }).ResponseAsync);
        var empty = await RpcAssert.InvalidArgument(() => shop.Knowledge.TestReplyAsync(new TestReplyRequest { Text = " " }).ResponseAsync);
        var tooLong = await RpcAssert.InvalidArgument(() => shop.Knowledge.TestReplyAsync(new TestReplyRequest { Text = new string('a', 4097) }).ResponseAsync);
        var threshold = await RpcAssert.InvalidArgument(() => shop.Knowledge.TestReplyAsync(new TestReplyRequest { Text = "halo", Threshold = 1.5 }).ResponseAsync);

        Assert.Equal(["page_size", "page_token"], list.FieldViolations.Select(v => v.Field));
        Assert.Equal("text", Assert.Single(empty.FieldViolations).Field);
        Assert.Equal("text", Assert.Single(tooLong.FieldViolations).Field);
        Assert.Equal("threshold", Assert.Single(threshold.FieldViolations).Field);
    }
}
