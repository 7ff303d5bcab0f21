using Microsoft.AspNetCore.Mvc;
using MultiPhone.PhoneNumbers;
using MultiPhone.Settings;

namespace MultiPhone.Functions.Api;

/// <summary><c>/api/v2/businesses/{businessId}/phone-numbers</c>: the business's locations, one number each.</summary>
public static class PhoneNumbersApi
{
    private static readonly ResourceResults<PhoneView, PhoneNumberResponse> Phone = new(view => view.ETag, view => view.ToResponse());

    public static RouteGroupBuilder MapPhoneNumbers(this RouteGroupBuilder business)
    {
        var group = business.MapGroup("/phone-numbers").WithTags("Phone numbers");
        group.MapGet("", ListAsync)
            .Describe("ListPhoneNumbers", "List the business's phone numbers", "Primary first, then by display name. `active` filters on isActive, `label` on a label.");
        group.MapPost("", CreateAsync)
            .Creates<PhoneNumberInput>()
            .Describe("CreatePhoneNumber", "Add a phone number (a location)",
                "The number may be written in any common format; numbers without a country code are read with the "
                + "business's companyProfile.defaultCountry. It is stored and returned as E.164 and must be unused across all "
                + "businesses. The first phone of a business becomes its primary. Its settings inherit the business defaults, "
                + "or, with settings: copyDefaults, start as its own copy of them. The plan's phone-number limit applies (409).");
        group.MapGet("/{phoneId}", GetAsync)
            .Describe("GetPhoneNumber", "Read one phone number",
                "The number (E.164), its location details, whether it is active and whether it is the primary. "
                + "The ETag also changes when the phone gains or loses the primary role.");
        group.MapPut("/{phoneId}", UpdateAsync)
            .Replaces(StatusCodes.Status409Conflict)
            .Describe("UpdatePhoneNumber", "Replace a phone number's details",
                "phoneNumber cannot change. isActive and isPrimary keep their values when omitted; isPrimary: true "
                + "demotes the current primary. The primary cannot be deactivated or demoted while other phones exist.");
        group.MapDelete("/{phoneId}", DeleteAsync)
            .Deletes(StatusCodes.Status409Conflict)
            .Describe("DeletePhoneNumber", "Remove a phone number", "The primary can be removed only when it is the business's last phone.");
        return business;
    }

    /// <param name="businessId">The business.</param>
    /// <param name="active">Only phones active (true) or not (false).</param>
    /// <param name="label">Only phones with this label.</param>
    /// <param name="phones">Phones.</param>
    /// <param name="ct">Cancellation.</param>
    private static async Task<Results<Ok<PhoneNumberList>, ProblemHttpResult>> ListAsync(
        string businessId, bool? active, string? label, PhoneNumberService phones, CancellationToken ct)
    {
        if (label is not null && PhoneLabels.Normalize(label) is null)
        {
            return Problem.Validation("label", PhoneLabels.Rule).ToHttp();
        }
        return Phone.List(await phones.ListAsync(businessId, active, ct, label is null ? null : PhoneLabels.Normalize(label)), items => new PhoneNumberList(items));
    }

    private static async Task<Results<Created<PhoneNumberResponse>, ProblemHttpResult>> CreateAsync(
        string businessId, PhoneNumberInput input, PhoneNumberCreation creation, SettingsService settings,
        HttpRequest request, HttpResponse response, CancellationToken ct)
    {
        Func<PhoneNumber, CancellationToken, Task>? copyDefaults = input.Settings == NewPhoneSettings.CopyDefaults
            ? (phone, token) => settings.CopyDefaultsAsync(phone.BusinessId, phone.Id, token)
            : null;
        var result = await creation.CreateAsync(businessId, input, copyDefaults, ct);
        return Phone.Created(result, response, view => $"{request.PathBase}{request.Path}/{view.Phone.Id}");
    }

    private static async Task<Results<Ok<PhoneNumberResponse>, ProblemHttpResult>> GetAsync(
        string businessId, string phoneId, PhoneNumberService phones, HttpResponse response, CancellationToken ct) =>
        Phone.Ok(await phones.GetAsync(businessId, phoneId, ct), response);

    private static Task<Results<Ok<PhoneNumberResponse>, ProblemHttpResult>> UpdateAsync(string businessId, string phoneId, PhoneNumberInput input,
        [FromHeader(Name = "If-Match")] string? ifMatch, PhoneNumberService phones, HttpResponse response, CancellationToken ct) =>
        Phone.ChangeAsync(ifMatch, response, match => phones.UpdateAsync(businessId, phoneId, input, match, ct));

    private static Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string businessId, string phoneId, [FromHeader(Name = "If-Match")] string? ifMatch, PhoneNumberService phones, CancellationToken ct) =>
        ResourceResults.DeleteAsync(ifMatch, match => phones.DeleteAsync(businessId, phoneId, match, ct));
}

public sealed record PhoneNumberList(IReadOnlyList<PhoneNumberResponse> Items);
