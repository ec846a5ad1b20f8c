using System.Diagnostics.CodeAnalysis;
using PesanAI.Domain.Conversations;

namespace PesanAI.Infrastructure.WhatsApp.Webhooks;

/// <summary>Shared contact cards. Cards asked for with REQUEST_CONTACT_INFO may carry no name: it stays empty.</summary>
internal static class ContactCards
{
    public static bool TryMap(IReadOnlyList<ContactCardDto?> cards, [NotNullWhen(true)] out IReadOnlyList<ContactCard>? mapped, [NotNullWhen(false)] out string? reason)
    {
        var result = new List<ContactCard>(cards.Count);
        for (var i = 0; i < cards.Count; i++)
        {
            if (cards[i] is not { } card)
            {
                return Fail($"contacts[{i}] is null", out mapped, out reason);
            }

            var phones = new List<ContactPhone>();
            foreach (var phone in card.Phones ?? [])
            {
                if (phone?.Phone is null)
                {
                    return Fail($"contacts[{i}].phones[{phones.Count}].phone is missing", out mapped, out reason);
                }

                phones.Add(new ContactPhone(phone.Phone, phone.WaId, phone.Type));
            }

            var emails = new List<string>();
            foreach (var email in card.Emails ?? [])
            {
                if (email?.Email is null)
                {
                    return Fail($"contacts[{i}].emails[{emails.Count}].email is missing", out mapped, out reason);
                }

                emails.Add(email.Email);
            }

            result.Add(new ContactCard(card.Name?.FormattedName ?? string.Empty, phones, emails, card.Org?.Company, card.Birthday));
        }

        mapped = result;
        reason = null;
        return true;
    }

    private static bool Fail(string why, out IReadOnlyList<ContactCard>? mapped, out string reason)
    {
        mapped = null;
        reason = why;
        return false;
    }
}
