package io.liuliang.loyalty;

import java.math.BigDecimal;
import java.util.List;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The ready program of the brief: 1 point per yuan on completed orders, expiring at the end of the following year;
 * 普通 / 银卡 / 金卡 / 钻石 by rolling 12-month spend (each step at most 2.5×, benefits ≥ 30% apart); the tasks 每日签到
 * (+10), 每周分享 (+50), 每月新品测评 (+200); the badge 首席体验官 at 5,000 points earned. Installing it keeps an existing
 * program's settings and adds or updates only these tiers, tasks and badges by code.
 */
@Component
class LoyaltyTemplate {

    private final LoyaltyService loyalty;
    private final TaskService tasks;
    private final LoyaltyStore store;

    LoyaltyTemplate(LoyaltyService loyalty, TaskService tasks, LoyaltyStore store) {
        this.loyalty = loyalty;
        this.tasks = tasks;
        this.store = store;
    }

    @Transactional
    void install() {
        if (store.program().isEmpty()) {
            loyalty.saveProgram(new LoyaltyService.ProgramInput("留量会员", true, BigDecimal.ONE, "completed",
                    "end_of_following_year", null, true, null));
        }
        if (store.tiers().isEmpty()) {
            loyalty.saveTiers(List.of(
                    tier("normal", "普通会员", 0, "1.00", "0", false, null),
                    tier("silver", "银卡会员", 500, "1.20", "5", true, null),
                    tier("gold", "金卡会员", 1_200, "1.60", "8", true, null),
                    tier("diamond", "钻石会员", 3_000, "2.00", "12", true, "专属选品官")));
        }
        tasks.saveTask(new TaskService.TaskInput("daily_check_in", "每日签到", "每天签到领 10 积分", "daily", "check_in",
                null, 10L, 1, true));
        tasks.saveTask(new TaskService.TaskInput("weekly_share", "每周分享", "每周分享商品得 50 积分", "weekly", "share",
                null, 50L, 1, true));
        tasks.saveTask(new TaskService.TaskInput("monthly_review", "每月新品测评", "每月参与新品测评得 200 积分", "monthly",
                "review", null, 200L, 1, true));
        tasks.saveBadge(new TaskService.BadgeInput("chief_tester", "首席体验官", "累计积分达 5000", "points_earned", 5_000L,
                true));
    }

    private static LoyaltyService.TierInput tier(String code, String name, long threshold, String multiplier,
                                                 String discount, boolean freeShipping, String service) {
        return new LoyaltyService.TierInput(null, code, name, "net_spend_12m", BigDecimal.valueOf(threshold),
                new BigDecimal(multiplier), new BigDecimal(discount), freeShipping, null, service, 30);
    }
}
