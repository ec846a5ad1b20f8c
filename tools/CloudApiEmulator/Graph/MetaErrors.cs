namespace PesanAI.CloudApiEmulator.Graph;

/// <summary>The errors the emulator reproduces, with Meta's codes, messages and details.</summary>
internal static class MetaErrors
{
    public static GraphError InvalidParameter(string details) => new(100, "(#100) Invalid parameter", details);

    public static GraphError UnknownObject(string id) => new(
        100,
        $"Unsupported post request. Object with ID '{id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.",
        "Object does not exist",
        Subcode: 33);

    /// <summary>
    /// An unknown, expired, deleted or foreign media id. Graph answers an object it cannot load with HTTP 400,
    /// code 100, subcode 33 (reports of 404 exist; a client should go by the code).
    /// </summary>
    public static GraphError UnknownMedia(string id, string verb) => new(
        100,
        $"Unsupported {verb} request. Object with ID '{id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.",
        "Object does not exist",
        Subcode: 33,
        Type: "GraphMethodException");

    /// <summary>An upload Meta cannot take (type, size, MIME mismatch) or a send whose media id it cannot use.</summary>
    public static GraphError MediaUpload(string details) => new(131053, "(#131053) Media upload error", details)
    {
        Title = "Media upload error",
    };

    /// <summary>An authentication template (one-tap, zero-tap, copy-code) sent to a business-scoped user id.</summary>
    public static GraphError AuthenticationToUserId() => new(
        131062, "(#131062) Business-scoped user id not allowed", "Authentication templates with one-tap, zero-tap or copy-code buttons cannot be sent to a business-scoped user id.")
    {
        Title = "BSUID recipients not supported for this message",
    };

    public static GraphError InvalidToken() => new(190, "Invalid OAuth access token - Cannot parse access token", "Invalid access token")
    {
        HttpStatus = StatusCodes.Status401Unauthorized,
    };

    public static GraphError ReEngagement() => new(
        131047,
        "Re-engagement message",
        "Message failed to send because more than 24 hours have passed since the customer last replied to this number.");

    public static GraphError Throughput() => new(130429, "(#130429) Rate limit hit", "Cloud API message throughput has been reached.");

    /// <summary>
    /// Over the messaging limit (unique customers reached outside the window per 24 h). Meta documents no code of its own
    /// for it; 131048 is the documented code for limits on how many messages a number may send, so the emulator uses it.
    /// </summary>
    public static GraphError MessagingLimit(string tier) => new(
        131048,
        "(#131048) Spam rate limit hit",
        $"Message failed to send because there are restrictions on how many messages can be sent from this phone number: the messaging limit {tier} is reached.");

    /// <summary>The WABA is disabled, or restricted for this kind of message: 131031 (account locked).</summary>
    public static GraphError AccountLocked(string why) => new(131031, "(#131031) Business Account locked", why);

    public static GraphError PairRate() => new(
        131056,
        "(#131056) (Business Account, Consumer Account) pair rate limit hit",
        "Too many messages sent from the sender phone number to the same recipient phone number in a short period of time.");

    public static GraphError TemplateMissing(string name, string language) => new(
        132001,
        "(#132001) Template name does not exist in the translation",
        $"template name ({name}) does not exist in {language}");

    public static GraphError TemplateParameters(string component, int sent, int expected) => new(
        132000,
        "(#132000) Number of parameters does not match the expected number of params",
        $"{component}: number of localizable_params ({sent}) does not match the expected number of params ({expected})");

    /// <summary>A parameter the template does not take, or one it needs that is missing (a button index, a named parameter).</summary>
    public static GraphError TemplateParameterCount(string details) => new(
        132000,
        "(#132000) Number of parameters does not match the expected number of params",
        details);

    public static GraphError TemplateParameterFormat(string details) => new(
        132012,
        "(#132012) Parameter format does not match format in the created template",
        details)
    {
        Title = "Parameter format does not match format in the created template",
    };

    public static GraphError TemplateTextTooLong(string details) => new(132005, "(#132005) Translated text too long", details)
    {
        Title = "Translated text too long",
    };

    /// <summary>Meta's send-time parameter error (v23+): newlines, tabs or more than four consecutive spaces in a parameter.</summary>
    public static GraphError TemplateParameterInvalid(string details) => new(
        132018,
        "(#132018) There was an issue with the parameters in your template.",
        details)
    {
        Title = "There was an issue with the parameters in your template.",
    };

    public static GraphError TemplatePaused(string name) => new(132015, "(#132015) Template is paused", $"template ({name}) is paused due to low quality")
    {
        Title = "Template is paused",
    };

    public static GraphError TemplateDisabled(string name) => new(132016, "(#132016) Template is disabled", $"template ({name}) has been disabled due to low quality")
    {
        Title = "Template is disabled",
    };

    public static GraphError TemplateExists(string name, string language) => new(
        100,
        "Invalid parameter",
        $"Content in this language already exists: {name} ({language})",
        Subcode: 2388024)
    {
        Title = "Message template already exists",
    };

    public static GraphError Undeliverable() => new(
        131026,
        "Message undeliverable",
        "Unable to deliver message. Reasons can include: the recipient's phone number is not a WhatsApp phone number; the recipient has not accepted the new Terms of Service; the recipient is using an old WhatsApp version.");

    public static GraphError MarketingStopped() => new(
        131050,
        "Unable to deliver the message. This recipient has chosen to stop receiving marketing messages on WhatsApp from your business.",
        "The user has stopped marketing messages from this business.");

    public static GraphError ServerError(int httpStatus) => httpStatus == StatusCodes.Status503ServiceUnavailable
        ? new(2, "Service temporarily unavailable", "Service temporarily unavailable") { HttpStatus = httpStatus }
        : new(1, "An unknown error has occurred.", "An unknown error has occurred.") { HttpStatus = httpStatus };
}
