using System.Text.Json.Nodes;

namespace PesanAI.CloudApiEmulator.Tests;

/// <summary>Send-time <c>template.components</c> checked against the template with Meta's error codes.</summary>
public sealed class TemplateParameterTests
{
    private const string Customer = "6281200000002";
    private const string ImageLink = "https://cdn.shop.example/banner.jpg";

    internal static string Send(string name, JsonArray components, string language = "en") =>
        Payloads.Message(Customer, "template", new JsonObject
        {
            ["name"] = name,
            ["language"] = new JsonObject { ["code"] = language },
            ["components"] = components,
        }).ToJsonString();

    internal static JsonObject Text(string text) => new() { ["type"] = "text", ["text"] = text };

    /// <summary>A valid send of <see cref="TemplateAdmin.RichComponents"/>: image header, two body texts, the URL suffix and the coupon.</summary>
    private static JsonArray RichSend(JsonObject? image = null) =>
    [
        new JsonObject { ["type"] = "header", ["parameters"] = new JsonArray(new JsonObject { ["type"] = "image", ["image"] = image ?? new JsonObject { ["link"] = ImageLink } }) },
        new JsonObject { ["type"] = "body", ["parameters"] = new JsonArray(Text("Ayu"), Text("A-1001")) },
        new JsonObject { ["type"] = "button", ["sub_type"] = "url", ["index"] = "1", ["parameters"] = new JsonArray(Text("A-1001")) },
        new JsonObject { ["type"] = "button", ["sub_type"] = "copy_code", ["index"] = 2, ["parameters"] = new JsonArray(new JsonObject { ["type"] = "coupon_code", ["coupon_code"] = "SAVE10" }) },
    ];

    [Fact]
    public async Task An_image_header_and_url_button_send_is_accepted_and_inspection_shows_what_arrived()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var templateId = await TemplateAdmin.CreateApprovedAsync(emulator, "shipping_update", TemplateAdmin.RichComponents());
        var mediaId = await emulator.UploadIdAsync(MediaCalls.Bytes(1000), "image/jpeg");

        var byId = await TestEmulator.AcceptedWamidAsync(await emulator.SendAsync(Send("shipping_update", RichSend(new JsonObject { ["id"] = mediaId }))));
        var byLink = await TestEmulator.AcceptedWamidAsync(await emulator.SendAsync(Send("shipping_update", RichSend())));

        var sends = (await emulator.GetJsonAsync($"/_emulator/messages?to={Customer}")).EnumerateArray().ToList();
        var first = sends.Single(s => s.GetProperty("wamid").GetString() == byId);
        var template = first.GetProperty("template");
        Assert.Equal(mediaId, first.GetProperty("media_id").GetString());
        Assert.Equal(templateId, template.GetProperty("id").GetString());
        Assert.Equal("IMAGE", template.GetProperty("header").GetProperty("format").GetString());
        Assert.Equal(mediaId, template.GetProperty("header").GetProperty("media_id").GetString());
        Assert.Equal("Hi Ayu, order A-1001 has shipped", template.GetProperty("body_text").GetString());
        Assert.Equal(["Ayu", "A-1001"], template.GetProperty("body").EnumerateArray().Select(p => p.GetProperty("text").GetString()));
        var url = template.GetProperty("buttons")[0];
        Assert.Equal(1, url.GetProperty("index").GetInt32());
        Assert.Equal("url", url.GetProperty("sub_type").GetString());
        Assert.Equal("URL", url.GetProperty("button_type").GetString());
        Assert.Equal("https://shop.example/track/A-1001", url.GetProperty("url").GetString());
        Assert.Equal("SAVE10", template.GetProperty("buttons")[1].GetProperty("coupon_code").GetString());
        var second = sends.Single(s => s.GetProperty("wamid").GetString() == byLink).GetProperty("template");
        Assert.Equal(ImageLink, second.GetProperty("header").GetProperty("link").GetString());
        using var bytes = await emulator.Client.GetAsync($"/_emulator/media/{mediaId}");
        Assert.True(bytes.IsSuccessStatusCode);
    }

    public static TheoryData<string, int> Mismatches => new()
    {
        { "no header", 132000 },
        { "video for an image header", 132012 },
        { "text for an image header", 132012 },
        { "image with id and link", 132012 },
        { "unknown media id", 131053 },
        { "one body parameter", 132000 },
        { "three body parameters", 132000 },
        { "payload as a body parameter", 132012 },
        { "newline in a body parameter", 132018 },
        { "five spaces in a body parameter", 132018 },
        { "body too long once filled", 132005 },
        { "button index 7", 132000 },
        { "quick_reply sub_type on the URL button", 132012 },
        { "URL button left out", 132000 },
        { "coupon of 21 characters", 132005 },
        { "coupon as text", 132012 },
        { "quick reply with text", 132012 },
        { "URL button given twice", 132000 },
    };

    [Theory]
    [MemberData(nameof(Mismatches))]
    public async Task A_component_that_does_not_fit_the_template_is_refused_with_metas_code(string mismatch, int code)
    {
        await using var emulator = await TestEmulator.StartAsync();
        await TemplateAdmin.CreateApprovedAsync(emulator, "shipping_update", TemplateAdmin.RichComponents());
        var components = RichSend();
        JsonArray HeaderParameters() => components[0]!["parameters"]!.AsArray();
        JsonArray BodyParameters() => components[1]!["parameters"]!.AsArray();
        switch (mismatch)
        {
            case "no header": components.RemoveAt(0); break;
            case "video for an image header": HeaderParameters()[0] = new JsonObject { ["type"] = "video", ["video"] = new JsonObject { ["link"] = ImageLink } }; break;
            case "text for an image header": HeaderParameters()[0] = Text("banner"); break;
            case "image with id and link": HeaderParameters()[0]!["image"]!["id"] = "123"; break;
            case "unknown media id": HeaderParameters()[0] = new JsonObject { ["type"] = "image", ["image"] = new JsonObject { ["id"] = "999999" } }; break;
            case "one body parameter": BodyParameters().RemoveAt(1); break;
            case "three body parameters": BodyParameters().Add(Text("extra")); break;
            case "payload as a body parameter": BodyParameters()[0] = new JsonObject { ["type"] = "payload", ["payload"] = "x" }; break;
            case "newline in a body parameter": BodyParameters()[0] = Text("Ayu\nRahma"); break;
            case "five spaces in a body parameter": BodyParameters()[0] = Text("Ayu     Rahma"); break;
            case "body too long once filled": BodyParameters()[0] = Text(new string('a', 1000)); break;
            case "button index 7": components[2]!["index"] = "7"; break;
            case "quick_reply sub_type on the URL button": components[2]!["sub_type"] = "quick_reply"; break;
            case "URL button left out": components.RemoveAt(2); break;
            case "coupon of 21 characters": components[3]!["parameters"]![0]!["coupon_code"] = new string('C', 21); break;
            case "coupon as text": components[3]!["parameters"]![0] = Text("SAVE10"); break;
            case "quick reply with text":
                components.Add(new JsonObject { ["type"] = "button", ["sub_type"] = "quick_reply", ["index"] = "0", ["parameters"] = new JsonArray(Text("thanks")) });
                break;
            case "URL button given twice": components.Add(components[2]!.DeepClone()); break;
        }

        using var response = await emulator.SendAsync(Send("shipping_update", components));

        Assert.Equal(code, await TestEmulator.ErrorCodeAsync(response));
    }

    [Fact]
    public async Task Named_parameters_go_by_parameter_name_in_any_order()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await TemplateAdmin.CreateApprovedAsync(
            emulator, "named_order", [new JsonObject { ["type"] = "BODY", ["text"] = "Hi {{first_name}}, order {{order_id}} is ready" }], extra: b => b["parameter_format"] = "NAMED");
        static JsonArray Body(params (string? Name, string Text)[] parameters) =>
            [new JsonObject { ["type"] = "body", ["parameters"] = new JsonArray([.. parameters.Select(p => (JsonNode)new JsonObject { ["type"] = "text", ["parameter_name"] = p.Name, ["text"] = p.Text })]) }];

        var accepted = await TestEmulator.AcceptedWamidAsync(await emulator.SendAsync(Send("named_order", Body(("order_id", "A-7"), ("first_name", "Ayu")))));
        using var unknown = await emulator.SendAsync(Send("named_order", Body(("order_id", "A-7"), ("name", "Ayu"))));
        using var unnamed = await emulator.SendAsync(Send("named_order", Body(("order_id", "A-7"), (null, "Ayu"))));
        using var twice = await emulator.SendAsync(Send("named_order", Body(("order_id", "A-7"), ("order_id", "A-8"))));
        using var missing = await emulator.SendAsync(Send("named_order", Body(("order_id", "A-7"))));

        var send = (await emulator.GetJsonAsync("/_emulator/messages")).EnumerateArray().Single(s => s.GetProperty("wamid").GetString() == accepted);
        Assert.Equal("Hi Ayu, order A-7 is ready", send.GetProperty("template").GetProperty("body_text").GetString());
        Assert.Equal("order_id", send.GetProperty("template").GetProperty("body")[0].GetProperty("parameter_name").GetString());
        Assert.Equal(132012, await TestEmulator.ErrorCodeAsync(unknown));
        Assert.Equal(132012, await TestEmulator.ErrorCodeAsync(unnamed));
        Assert.Equal(132000, await TestEmulator.ErrorCodeAsync(twice));
        Assert.Equal(132000, await TestEmulator.ErrorCodeAsync(missing));
    }

    [Fact]
    public async Task Text_and_location_headers_take_their_own_kind()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await TemplateAdmin.CreateApprovedAsync(emulator, "text_header", [new JsonObject { ["type"] = "HEADER", ["format"] = "TEXT", ["text"] = "Order {{1}}" }, new JsonObject { ["type"] = "BODY", ["text"] = "Ready" }]);
        await TemplateAdmin.CreateApprovedAsync(emulator, "store_location", [new JsonObject { ["type"] = "HEADER", ["format"] = "LOCATION" }, new JsonObject { ["type"] = "BODY", ["text"] = "Pick up here" }]);
        static JsonArray Header(JsonObject parameter) => [new JsonObject { ["type"] = "header", ["parameters"] = new JsonArray(parameter) }];
        static JsonObject Location(JsonNode latitude) => new()
        {
            ["type"] = "location",
            ["location"] = new JsonObject { ["latitude"] = latitude, ["longitude"] = 106.8, ["name"] = "Toko Ayu", ["address"] = "Jl. Sudirman 1" },
        };

        var text = await TestEmulator.AcceptedWamidAsync(await emulator.SendAsync(Send("text_header", Header(Text("A-1001")))));
        using var tooLong = await emulator.SendAsync(Send("text_header", Header(Text(new string('x', 60)))));
        var location = await TestEmulator.AcceptedWamidAsync(await emulator.SendAsync(Send("store_location", Header(Location("-6.2")))));
        using var noLatitude = await emulator.SendAsync(Send("store_location", Header(Location("north"))));
        using var textForLocation = await emulator.SendAsync(Send("store_location", Header(Text("here"))));

        var sends = (await emulator.GetJsonAsync("/_emulator/messages")).EnumerateArray().ToDictionary(s => s.GetProperty("wamid").GetString()!);
        Assert.Equal("Order A-1001", sends[text].GetProperty("template").GetProperty("header").GetProperty("text").GetString());
        Assert.Equal("Toko Ayu", sends[location].GetProperty("template").GetProperty("header").GetProperty("location").GetProperty("name").GetString());
        Assert.Equal(132005, await TestEmulator.ErrorCodeAsync(tooLong));
        Assert.Equal(132012, await TestEmulator.ErrorCodeAsync(noLatitude));
        Assert.Equal(132012, await TestEmulator.ErrorCodeAsync(textForLocation));
    }

    [Fact]
    public async Task An_authentication_code_goes_in_the_body_and_the_url_button_at_index_0()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await TemplateAdmin.CreateApprovedAsync(
            emulator,
            "login_code",
            [
                new JsonObject { ["type"] = "BODY", ["add_security_recommendation"] = true },
                new JsonObject { ["type"] = "BUTTONS", ["buttons"] = new JsonArray(new JsonObject { ["type"] = "OTP", ["otp_type"] = "COPY_CODE" }) },
            ],
            category: "AUTHENTICATION");
        static JsonArray Otp(string body, string? button) => button is null
            ? [new JsonObject { ["type"] = "body", ["parameters"] = new JsonArray(Text(body)) }]
            : [
                new JsonObject { ["type"] = "body", ["parameters"] = new JsonArray(Text(body)) },
                new JsonObject { ["type"] = "button", ["sub_type"] = "url", ["index"] = "0", ["parameters"] = new JsonArray(Text(button)) },
            ];

        var accepted = await TestEmulator.AcceptedWamidAsync(await emulator.SendAsync(Send("login_code", Otp("482913", "482913"))));
        using var noButton = await emulator.SendAsync(Send("login_code", Otp("482913", null)));
        using var longCode = await emulator.SendAsync(Send("login_code", Otp("482913", new string('9', 16))));

        var send = (await emulator.GetJsonAsync("/_emulator/messages")).EnumerateArray().Single(s => s.GetProperty("wamid").GetString() == accepted);
        Assert.Equal("482913", send.GetProperty("template").GetProperty("buttons")[0].GetProperty("otp").GetString());
        Assert.Equal("OTP", send.GetProperty("template").GetProperty("buttons")[0].GetProperty("button_type").GetString());
        Assert.Equal(132000, await TestEmulator.ErrorCodeAsync(noButton));
        Assert.Equal(132005, await TestEmulator.ErrorCodeAsync(longCode));
    }

    [Fact]
    public async Task A_flow_button_takes_an_action_with_token_and_data()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await TemplateAdmin.CreateApprovedAsync(
            emulator,
            "book_visit",
            [
                new JsonObject { ["type"] = "BODY", ["text"] = "Book your visit" },
                new JsonObject { ["type"] = "BUTTONS", ["buttons"] = new JsonArray(new JsonObject { ["type"] = "FLOW", ["text"] = "Book", ["flow_id"] = "1234567890", ["navigate_screen"] = "START" }) },
            ],
            category: "MARKETING");
        static JsonArray Flow(JsonObject parameter) =>
            [new JsonObject { ["type"] = "button", ["sub_type"] = "flow", ["index"] = "0", ["parameters"] = new JsonArray(parameter) }];

        var accepted = await TestEmulator.AcceptedWamidAsync(await emulator.SendAsync(Send("book_visit", Flow(new JsonObject
        {
            ["type"] = "action",
            ["action"] = new JsonObject { ["flow_token"] = "tok-1", ["flow_action_data"] = new JsonObject { ["visit"] = "2026-12-03" } },
        }))));
        using var noAction = await emulator.SendAsync(Send("book_visit", Flow(Text("tok-1"))));
        using var badData = await emulator.SendAsync(Send("book_visit", Flow(new JsonObject { ["type"] = "action", ["action"] = new JsonObject { ["flow_action_data"] = "x" } })));
        var withoutButton = await TestEmulator.AcceptedWamidAsync(await emulator.SendAsync(Send("book_visit", [])));

        var send = (await emulator.GetJsonAsync("/_emulator/messages")).EnumerateArray().Single(s => s.GetProperty("wamid").GetString() == accepted);
        Assert.Equal("tok-1", send.GetProperty("template").GetProperty("buttons")[0].GetProperty("action").GetProperty("flow_token").GetString());
        Assert.Equal(132012, await TestEmulator.ErrorCodeAsync(noAction));
        Assert.Equal(132012, await TestEmulator.ErrorCodeAsync(badData));
        Assert.NotEmpty(withoutButton);
    }

    [Theory]
    [InlineData("PAUSED", 132015)]
    [InlineData("DISABLED", 132016)]
    [InlineData("REJECTED", 132001)]
    [InlineData("PENDING", 132001)]
    [InlineData("LIMIT_EXCEEDED", 132001)]
    public async Task Only_an_approved_template_is_sent(string status, int code)
    {
        await using var emulator = await TestEmulator.StartAsync();
        await TemplateAdmin.CreateApprovedAsync(emulator, "greeting", extra: b => b["status"] = status);

        using var response = await emulator.SendAsync(Send("greeting", [new JsonObject { ["type"] = "body", ["parameters"] = new JsonArray(Text("Ayu")) }]));

        Assert.Equal(code, await TestEmulator.ErrorCodeAsync(response));
    }
}
