using System.Net;
using System.Text.Json.Nodes;

namespace PesanAI.CloudApiEmulator.Tests;

/// <summary>Each of Meta's limits: the largest allowed value passes, one more fails with 100.</summary>
public sealed class ValidationTests(ValidationTests.Emulator fixture) : IClassFixture<ValidationTests.Emulator>
{
    private const string Customer = "6281200000001";

    [Theory]
    [InlineData("text.body", 4096, true)]
    [InlineData("text.body", 4097, false)]
    [InlineData("text.body", 0, false)]
    [InlineData("image.caption", 1024, true)]
    [InlineData("image.caption", 1025, false)]
    [InlineData("button.count", 3, true)]
    [InlineData("button.count", 4, false)]
    [InlineData("button.count", 0, false)]
    [InlineData("button.title", 20, true)]
    [InlineData("button.title", 21, false)]
    [InlineData("button.id", 256, true)]
    [InlineData("button.id", 257, false)]
    [InlineData("button.body", 1024, true)]
    [InlineData("button.body", 1025, false)]
    [InlineData("list.rows", 10, true)]
    [InlineData("list.rows", 11, false)]
    [InlineData("list.sections", 10, true)]
    [InlineData("list.sections", 11, false)]
    [InlineData("row.title", 24, true)]
    [InlineData("row.title", 25, false)]
    [InlineData("row.description", 72, true)]
    [InlineData("row.description", 73, false)]
    [InlineData("list.button", 20, true)]
    [InlineData("list.button", 21, false)]
    [InlineData("biz_opaque_callback_data", 512, true)]
    [InlineData("biz_opaque_callback_data", 513, false)]
    public async Task Limit_boundary(string limit, int size, bool accepted)
    {
        var json = limit switch
        {
            "text.body" => Payloads.Text(Customer, new string('a', size)),
            "image.caption" => Payloads.Message(Customer, "image", new JsonObject { ["link"] = "https://example.com/a.jpg", ["caption"] = new string('c', size) }).ToJsonString(),
            "button.count" => Interactive(Payloads.Buttons(size)),
            "button.title" => Interactive(Payloads.Buttons(1, titleLength: size)),
            "button.id" => Interactive(Payloads.Buttons(1, idLength: size)),
            "button.body" => Interactive(Payloads.Buttons(1, bodyLength: size)),
            "list.rows" => Interactive(Payloads.List(1, size)),
            "list.sections" => Interactive(Payloads.List(size, 1)),
            "row.title" => Interactive(Payloads.List(1, 1, titleLength: size)),
            "row.description" => Interactive(Payloads.List(1, 1, descriptionLength: size)),
            "list.button" => Interactive(Payloads.List(1, 1, buttonLength: size)),
            "biz_opaque_callback_data" => Payloads.Text(Customer, "x", new string('o', size)),
            _ => throw new ArgumentOutOfRangeException(nameof(limit)),
        };

        await AssertOutcome(json, accepted);
    }

    [Theory]
    [InlineData("""{"link":"https://example.com/a.pdf","filename":"a.pdf"}""", true)]
    [InlineData("""{"id":"UPLOADED"}""", true)]
    [InlineData("""{"id":"UPLOADED","link":"https://example.com/a.pdf"}""", false)]
    [InlineData("""{"caption":"neither link nor id"}""", false)]
    public async Task Media_needs_exactly_one_of_link_or_id(string document, bool accepted)
    {
        // A send by id must name media the emulator holds (checked like Meta, see MediaSendTests); this test is about the shape.
        var id = await fixture.Value.UploadIdAsync(MediaCalls.Bytes(10), "application/pdf");
        await AssertOutcome(Payloads.Message(Customer, "document", JsonNode.Parse(document.Replace("UPLOADED", id, StringComparison.Ordinal))!).ToJsonString(), accepted);
    }

    [Fact]
    public async Task Button_ids_must_be_unique() =>
        await AssertOutcome(Interactive(Payloads.Buttons(2, duplicateIds: true)), accepted: false);

    [Theory]
    [InlineData("reaction", """{"message_id":"wamid.X","emoji":"👍"}""", true)]
    [InlineData("reaction", """{"emoji":"👍"}""", false)]
    [InlineData("location", """{"latitude":-6.2,"longitude":106.8,"name":"Monas"}""", true)]
    [InlineData("location", """{"latitude":"south"}""", false)]
    [InlineData("contacts", """[{"name":{"formatted_name":"Ali"},"phones":[{"phone":"+62 812"}]}]""", true)]
    [InlineData("contacts", """[]""", false)]
    [InlineData("carousel", """{}""", false)]
    public async Task Other_types_are_checked_too(string type, string content, bool accepted) =>
        await AssertOutcome(Payloads.Message(Customer, type, JsonNode.Parse(content)!).ToJsonString(), accepted);

    private static string Interactive(JsonObject interactive) => Payloads.Message(Customer, "interactive", interactive).ToJsonString();

    private async Task AssertOutcome(string json, bool accepted)
    {
        using var response = await fixture.Value.SendAsync(json);
        if (accepted)
        {
            await TestEmulator.AcceptedWamidAsync(response);
        }
        else
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal(100, await TestEmulator.ErrorCodeAsync(response));
        }
    }

    /// <summary>One emulator for every case: the customer's window is open and the pair rate out of the way.</summary>
    public sealed class Emulator : IAsyncLifetime
    {
        internal TestEmulator Value { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Value = await TestEmulator.StartAsync(o => o.PairBurst = 10_000);
            await Value.SimulateTextAsync(Customer);
        }

        public async Task DisposeAsync() => await Value.DisposeAsync();
    }
}
