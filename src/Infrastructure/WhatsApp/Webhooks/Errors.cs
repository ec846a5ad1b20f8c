using PesanAI.Domain.Conversations;

namespace PesanAI.Infrastructure.WhatsApp.Webhooks;

/// <summary>Meta's error objects (<c>{code, title, message, error_data{details}}</c>); decisions use the code.</summary>
internal static class Errors
{
    public static IReadOnlyList<MessageError> Map(IReadOnlyList<ErrorDto?>? errors, string path, ParseProblems problems)
    {
        if (errors is null || errors.Count == 0)
        {
            return [];
        }

        var result = new List<MessageError>(errors.Count);
        for (var i = 0; i < errors.Count; i++)
        {
            if (Map(errors[i]) is { } error)
            {
                result.Add(error);
            }
            else
            {
                problems.Add($"{path}[{i}]", "code is missing");
            }
        }

        return result;
    }

    public static MessageError? Map(ErrorDto? error) => error?.Code is { } code
        ? new MessageError(code, error.Title ?? string.Empty, error.Message, error.ErrorData?.Details)
        : null;
}
