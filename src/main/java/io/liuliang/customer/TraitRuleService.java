package io.liuliang.customer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.liuliang.iam.AuditAction;
import io.liuliang.iam.AuditLog;
import io.liuliang.iam.AuditRecord;
import io.liuliang.shared.ApiProblemException;
import io.liuliang.shared.FieldError;

/**
 * The merchant's declared trait merge strategies ({@code customer_trait_rule}: a handful of rows, read on each use
 * like the identity types, so every instance follows a change at once).
 */
@Service
class TraitRuleService {

    private final JdbcClient jdbc;
    private final AuditLog audit;

    TraitRuleService(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** One trait's strategy as the API shows it, with its default. */
    record Rule(String field, String strategy, String defaultStrategy) {
    }

    /** Every trait's strategy, and the strategies there are. */
    record Rules(List<Rule> rules, List<String> strategies) {
    }

    /** One trait's strategy as a client writes it. */
    record RuleInput(String field, String strategy) {
    }

    record RulesInput(List<RuleInput> rules) {
    }

    TraitMergeRules current() {
        Map<TraitField, TraitMergeStrategy> declared = new EnumMap<>(TraitField.class);
        jdbc.sql("SELECT field, strategy FROM customer_trait_rule").query((rs, n) -> {
            Optional<TraitField> field = TraitField.ofCode(rs.getString(1));
            Optional<TraitMergeStrategy> strategy = TraitMergeStrategy.ofCode(rs.getString(2));
            if (field.isPresent() && strategy.isPresent()) {
                declared.put(field.get(), strategy.get());
            }
            return n;
        }).list();
        return new TraitMergeRules(declared);
    }

    Rules view() {
        TraitMergeRules current = current();
        List<Rule> rules = Arrays.stream(TraitField.values())
                .map(f -> new Rule(f.code(), current.strategy(f).code(), f.defaultStrategy().code())).toList();
        return new Rules(rules, Arrays.stream(TraitMergeStrategy.values()).map(TraitMergeStrategy::code).toList());
    }

    /** Declares the given traits' strategies (the others keep theirs); a trait set back to its default loses its row. */
    @Transactional
    Rules change(RulesInput input, String actor) {
        List<FieldError> errors = new ArrayList<>();
        if (input == null || input.rules() == null || input.rules().isEmpty()) {
            throw ApiProblemException.invalid(List.of(new FieldError("rules", "is required: at least one trait and its strategy")));
        }
        String fields = Arrays.stream(TraitField.values()).map(TraitField::code).collect(Collectors.joining(", "));
        String strategies = Arrays.stream(TraitMergeStrategy.values()).map(TraitMergeStrategy::code)
                .collect(Collectors.joining(", "));
        Map<TraitField, TraitMergeStrategy> changes = new EnumMap<>(TraitField.class);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < input.rules().size(); i++) {
            RuleInput r = input.rules().get(i);
            String at = "rules[" + i + "]";
            if (r == null) {
                errors.add(new FieldError(at, "must be an object {field, strategy}"));
                continue;
            }
            Optional<TraitField> field = Optional.ofNullable(r.field()).flatMap(TraitField::ofCode);
            Optional<TraitMergeStrategy> strategy = Optional.ofNullable(r.strategy()).flatMap(TraitMergeStrategy::ofCode);
            if (field.isEmpty()) {
                errors.add(new FieldError(at + ".field", "must be one of " + fields));
            } else if (!seen.add(r.field())) {
                errors.add(new FieldError(at + ".field", r.field() + " is given twice"));
            }
            if (strategy.isEmpty()) {
                errors.add(new FieldError(at + ".strategy", "must be one of " + strategies));
            }
            if (field.isPresent() && strategy.isPresent()) {
                changes.put(field.get(), strategy.get());
            }
        }
        if (!errors.isEmpty()) {
            throw ApiProblemException.invalid(errors);
        }
        TraitMergeRules before = current();
        List<String> changed = new ArrayList<>();
        changes.forEach((field, strategy) -> {
            if (strategy == field.defaultStrategy()) {
                jdbc.sql("DELETE FROM customer_trait_rule WHERE field = ?").param(field.code()).update();
            } else {
                jdbc.sql("INSERT INTO customer_trait_rule (field, strategy, updated_by) VALUES (?, ?, ?) "
                                + "ON CONFLICT (field) DO UPDATE SET strategy = excluded.strategy, updated_at = now(), "
                                + "updated_by = excluded.updated_by")
                        .params(field.code(), strategy.code(), actor).update();
            }
            if (before.strategy(field) != strategy) {
                changed.add(field.code() + ": " + before.strategy(field).code() + " → " + strategy.code());
            }
        });
        if (!changed.isEmpty()) {
            audit.record(AuditRecord.of(AuditAction.SETTINGS_CHANGED, "trait-merge-rules", "customer", "trait merge rules",
                    String.join("; ", changed)));
        }
        return view();
    }
}
