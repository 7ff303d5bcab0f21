using Microsoft.Extensions.DependencyInjection;
using MultiPhone.Cosmos;
using MultiPhone.PhoneNumbers;
using MultiPhone.Realtime;

namespace MultiPhone.Staff;

public static class StaffRegistration
{
    public static IServiceCollection AddStaff(this IServiceCollection services) => services
        .AddCosmosContainer(StaffStore.StaffDefinition)
        .AddCosmosContainer(StaffStore.AssignmentsDefinition)
        .AddSingleton<StaffStore>()
        .AddSingleton<IPhoneScopedData>(sp => sp.GetRequiredService<StaffStore>())
        .AddSingleton<StaffService>()
        .AddSingleton<PhoneStaffService>()
        .AddSingleton<IStaffAssignmentsSource, CosmosStaffAssignments>()
        .AddSingleton<IChangeRoute, StaffChangeRoute>()
        .AddSingleton<IChangeRoute, AssignmentsChangeRoute>();
}
