-- A chain's availability objective (e.g. 0.999): its availability report gives the error budget left against it.
-- Nullable: no objective.
alter table chain add column availability_objective double precision
    constraint chain_availability_objective_check check (availability_objective > 0 and availability_objective < 1);
