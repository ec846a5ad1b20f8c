namespace PesanAI.CloudApiEmulator.Tests;

public sealed class InspectionTests
{
    [Fact]
    public async Task Duplicates_count_accepted_sends_whose_callback_data_was_already_accepted()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.SimulateTextAsync("6281200000030");
        await emulator.SimulateTextAsync("6281200000031");

        await TestEmulator.AcceptedWamidAsync(await emulator.SendTextAsync("6281200000030", "a", "msg-1"));
        await TestEmulator.AcceptedWamidAsync(await emulator.SendTextAsync("6281200000030", "a", "msg-1"));
        await TestEmulator.AcceptedWamidAsync(await emulator.SendTextAsync("6281200000031", "b", "msg-2"));
        await TestEmulator.AcceptedWamidAsync(await emulator.SendTextAsync("6281200000031", "c"));
        await TestEmulator.AcceptedWamidAsync(await emulator.SendTextAsync("6281200000031", "c"));

        var stats = await emulator.GetJsonAsync("/_emulator/stats");
        Assert.Equal(5, stats.GetProperty("accepted").GetInt32());
        Assert.Equal(1, stats.GetProperty("duplicates").GetInt32());
    }

    [Fact]
    public async Task Messages_are_listed_by_number_and_recipient_and_reset_clears_them()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.SimulateTextAsync("6281200000032");
        await emulator.SimulateTextAsync("6281200000033");
        var wamid = await TestEmulator.AcceptedWamidAsync(await emulator.SendTextAsync("6281200000032", "a", "msg-9"));
        await TestEmulator.AcceptedWamidAsync(await emulator.SendTextAsync("6281200000033"));

        var listed = await emulator.GetJsonAsync($"/_emulator/messages?phone_number_id={TestEmulator.NumberId}&to=6281200000032");

        var message = Assert.Single(listed.EnumerateArray());
        Assert.Equal(wamid, message.GetProperty("wamid").GetString());
        Assert.Equal("text", message.GetProperty("type").GetString());
        Assert.Equal("msg-9", message.GetProperty("biz_opaque_callback_data").GetString());
        Assert.Equal("a", message.GetProperty("request").GetProperty("text").GetProperty("body").GetString());
        Assert.True(message.TryGetProperty("accepted_at", out _));

        using var reset = await emulator.Client.PostAsync("/_emulator/reset", null);
        Assert.Empty((await emulator.GetJsonAsync("/_emulator/messages")).EnumerateArray());
        Assert.Equal(0, (await emulator.GetJsonAsync("/_emulator/stats")).GetProperty("accepted").GetInt32());
        Assert.Single((await emulator.GetJsonAsync("/_emulator/numbers")).EnumerateArray());
    }
}
