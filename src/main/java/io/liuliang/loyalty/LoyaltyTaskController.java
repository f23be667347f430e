package io.liuliang.loyalty;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/v1/loyalty")
@Tag(name = "Loyalty tasks and badges", description = "签到, 分享, 测评 tasks, badges, the ready template, and the "
        + "member-facing calls of a mini-program or app")
class LoyaltyTaskController {

    private final TaskService tasks;
    private final LoyaltyService loyalty;
    private final LoyaltyTemplate template;

    LoyaltyTaskController(TaskService tasks, LoyaltyService loyalty, LoyaltyTemplate template) {
        this.tasks = tasks;
        this.loyalty = loyalty;
        this.template = template;
    }

    record TaskView(UUID id, String code, String name, String description, String period, String action,
                    String eventName, long rewardPoints, int limitPerPeriod, boolean active) {

        static TaskView of(TaskService.Task t) {
            return new TaskView(t.id(), t.code(), t.name(), t.description(), t.period().code(), t.action().code(),
                    t.eventName(), t.rewardPoints(), t.limitPerPeriod(), t.active());
        }
    }

    record BadgeView(UUID id, String code, String name, String description, String rule, long threshold,
                     boolean active) {

        static BadgeView of(TaskService.Badge b) {
            return new BadgeView(b.id(), b.code(), b.name(), b.description(), b.rule(), b.threshold(), b.active());
        }
    }

    @GetMapping("/tasks")
    @PreAuthorize("hasAuthority('loyalty.read')")
    List<TaskView> tasks() {
        return tasks.tasks().stream().map(TaskView::of).toList();
    }

    @PutMapping("/tasks")
    @PreAuthorize("hasAuthority('loyalty.manage')")
    @Operation(summary = "Create or change a task by code: period (daily|weekly|monthly|once), action (check_in|share|"
            + "review|custom_event with eventName), rewardPoints, limitPerPeriod, active")
    TaskView saveTask(@RequestBody TaskService.TaskInput input) {
        return TaskView.of(tasks.saveTask(input));
    }

    @GetMapping("/badges")
    @PreAuthorize("hasAuthority('loyalty.read')")
    List<BadgeView> badges() {
        return tasks.badges().stream().map(BadgeView::of).toList();
    }

    @PutMapping("/badges")
    @PreAuthorize("hasAuthority('loyalty.manage')")
    @Operation(summary = "Create or change a badge by code: rule (points_earned|orders|reviews|tasks_completed) and threshold")
    BadgeView saveBadge(@RequestBody TaskService.BadgeInput input) {
        return BadgeView.of(tasks.saveBadge(input));
    }

    @PostMapping("/program:install-template")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasAuthority('loyalty.manage')")
    @Operation(summary = "Install the brief's ready program: tiers 普通/银卡/金卡/钻石, tasks 签到 +10, 每周分享 +50, "
            + "每月测评 +200, badge 首席体验官 at 5,000 points (an existing program and ladder are kept)")
    void installTemplate() {
        template.install();
    }

    // ---- member-facing (a mini-program's or app's back end, with a token holding loyalty.member)

    record CompletionView(String task, String periodKey, long points, long balance, boolean replayed, int doneThisPeriod,
                          int limitPerPeriod) {

        static CompletionView of(TaskService.Completion c) {
            return new CompletionView(c.task(), c.periodKey(), c.points(), c.balance(), c.replayed(), c.doneThisPeriod(),
                    c.limitPerPeriod());
        }
    }

    @PostMapping("/members/{customerId}:check-in")
    @PreAuthorize("hasAuthority('loyalty.member') or hasAuthority('loyalty.manage')")
    @Operation(summary = "Today's check-in (enrols when the program enrols automatically); again the same day answers "
            + "the same check-in (replayed: true) and earns nothing")
    CompletionView checkIn(@PathVariable UUID customerId) {
        return CompletionView.of(tasks.checkIn(customerId));
    }

    record CompleteRequest(String requestId) {
    }

    @PostMapping("/members/{customerId}/tasks/{code}:complete")
    @PreAuthorize("hasAuthority('loyalty.member') or hasAuthority('loyalty.manage')")
    @Operation(summary = "Complete a task once per requestId, within its limit per period (409 beyond)")
    CompletionView complete(@PathVariable UUID customerId, @PathVariable String code,
                            @RequestBody(required = false) CompleteRequest request) {
        return CompletionView.of(tasks.complete(customerId, code, request == null ? null : request.requestId()));
    }

    record TaskProgressView(TaskView task, String periodKey, int done, boolean available) {
    }

    @GetMapping("/members/{customerId}/tasks")
    @PreAuthorize("hasAuthority('loyalty.member') or hasAuthority('loyalty.read')")
    @Operation(summary = "The active tasks with the member's progress in the current period")
    List<TaskProgressView> progress(@PathVariable UUID customerId) {
        UUID customer = loyalty.member(customerId).customerId();
        return tasks.progress(customer).stream().map(p -> new TaskProgressView(TaskView.of(p.task()), p.periodKey(),
                p.done(), p.available())).toList();
    }

    record AwardedBadgeView(BadgeView badge, Instant awardedAt) {
    }

    @GetMapping("/members/{customerId}/badges")
    @PreAuthorize("hasAuthority('loyalty.member') or hasAuthority('loyalty.read')")
    List<AwardedBadgeView> badgesOf(@PathVariable UUID customerId) {
        UUID customer = loyalty.member(customerId).customerId();
        return tasks.badgesOf(customer).stream().map(b -> new AwardedBadgeView(BadgeView.of(b.badge()), b.awardedAt()))
                .toList();
    }
}
