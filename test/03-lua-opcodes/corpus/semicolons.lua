;;; local a = 1; ; local b = 2;
;
do ; end
return a;
