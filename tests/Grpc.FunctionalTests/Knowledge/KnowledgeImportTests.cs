extern alias client;

using client::PesanAI.Protos.Knowledge.V1;
using static PesanAI.FunctionalTests.Knowledge.KnowledgeBed;

namespace PesanAI.FunctionalTests.Knowledge;

public sealed class KnowledgeImportTests(PesanAiApp app) : IClassFixture<PesanAiApp>
{
    private readonly KnowledgeBed _bed = new(app);

    [Fact]
    public async Task An_import_adds_every_entry_and_importing_it_again_changes_nothing()
    {
        var shop = await _bed.TenantAsync();

        var first = await shop.Knowledge.ImportEntriesAsync(ShopImport());
        var again = await shop.Knowledge.ImportEntriesAsync(ShopImport());

        Assert.Equal(5, first.CreatedCount);
        Assert.Equal(0, first.UpdatedCount);
        Assert.Equal(5, first.Version);
        Assert.Equal(5, first.EntryIds.Distinct().Count());
        Assert.Equal(0, again.CreatedCount);
        Assert.Equal(0, again.UpdatedCount);
        Assert.Equal(5, again.UnchangedCount);
        Assert.Equal(first.EntryIds, again.EntryIds);
        Assert.Equal(5, again.Version);
        var listed = await shop.Knowledge.ListEntriesAsync(new ListEntriesRequest());
        Assert.Equal(first.EntryIds, listed.Entries.Select(e => e.EntryId));
        Assert.Equal(ShopImport().Entries.Select(e => e.Answer), listed.Entries.Select(e => e.Answer));
    }

    [Fact]
    public async Task An_import_changes_the_entries_with_the_same_questions_and_adds_the_rest()
    {
        var shop = await _bed.TenantAsync();
        var first = await shop.Knowledge.ImportEntriesAsync(ShopImport());
        var next = ShopImport();
        next.Entries[1].Answer = "Setiap hari 08.00–22.00 WIB.";
        next.Entries.Add(Import("Apakah ada cicilan?", "Ada, cicilan 0% 3 bulan."));

        var second = await shop.Knowledge.ImportEntriesAsync(next);

        Assert.Equal(1, second.CreatedCount);
        Assert.Equal(1, second.UpdatedCount);
        Assert.Equal(4, second.UnchangedCount);
        Assert.Equal(first.EntryIds, second.EntryIds.Take(5));
        Assert.Equal(7, second.Version);
        var listed = await shop.Knowledge.ListEntriesAsync(new ListEntriesRequest());
        Assert.Equal("Setiap hari 08.00–22.00 WIB.", listed.Entries[1].Answer);
        Assert.Equal(6, listed.TotalSize);
    }

    [Fact]
    public async Task One_bad_entry_refuses_the_whole_import_naming_every_bad_field()
    {
        var shop = await _bed.TenantAsync();
        var import = ShopImport();
        import.Entries[1].Answer = "  ";
        import.Entries[3].Question = string.Empty;
        import.Entries[4].Answer = new string('x', 4097);
        import.Entries.Add(Import("berapa ongkos kirimnya", "Duplikat."));

        var badRequest = await RpcAssert.InvalidArgument(() => shop.Knowledge.ImportEntriesAsync(import).ResponseAsync);

        Assert.Equal(["entries[1].answer", "entries[3].question", "entries[4].answer", "entries[5].question"], badRequest.FieldViolations.Select(v => v.Field));
        var listed = await shop.Knowledge.ListEntriesAsync(new ListEntriesRequest());
        Assert.Empty(listed.Entries);
        Assert.Equal(0, listed.Version);
    }

    [Fact]
    public async Task An_empty_import_is_refused()
    {
        var shop = await _bed.TenantAsync();

        var badRequest = await RpcAssert.InvalidArgument(() => shop.Knowledge.ImportEntriesAsync(new ImportEntriesRequest()).ResponseAsync);

        Assert.Equal("entries", Assert.Single(badRequest.FieldViolations).Field);
    }
}
