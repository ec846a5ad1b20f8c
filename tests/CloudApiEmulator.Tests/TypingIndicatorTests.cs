namespace PesanAI.CloudApiEmulator.Tests;

/// <summary>The typing indicator rides on a read receipt (<c>typing_indicator: {type: "text"}</c>), and is kept for inspection.</summary>
public sealed class TypingIndicatorTests
{
    [Fact]
    public async Task A_read_receipt_with_a_typing_indicator_is_recorded_and_a_wrong_type_is_100()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var wamid = (await emulator.SimulateTextAsync("6281200000077")).GetProperty("wamid").GetString()!;

        using var typing = await emulator.SendAsync($$$"""{"messaging_product":"whatsapp","status":"read","message_id":"{{{wamid}}}","typing_indicator":{"type":"text"}}""");
        var wrong = await emulator.SendAsync($$$"""{"messaging_product":"whatsapp","status":"read","message_id":"{{{wamid}}}","typing_indicator":{"type":"audio"}}""");

        Assert.True(typing.IsSuccessStatusCode);
        Assert.Equal(100, await TestEmulator.ErrorCodeAsync(wrong));
        var read = Assert.Single((await emulator.GetJsonAsync("/_emulator/reads")).EnumerateArray());
        Assert.Equal((wamid, true), (read.GetProperty("wamid").GetString(), read.GetProperty("typing").GetBoolean()));
    }
}
